import { untrack } from 'svelte';
import type { ActionContext, ActionDefinition, AvailableAction } from './action.js';

interface Handler {
  readonly run: () => void;
  readonly enabled: () => boolean;
}

/**
 * Every action of the app: the definitions views and the app declare, and the handlers components on screen
 * add for the actions they own. Keys, the key sheet, the command palette and the desktop menu all run actions
 * through here, so an action behaves the same however it is reached.
 */
export class ActionRegistry {
  #definitions = $state.raw<readonly (readonly ActionDefinition[])[]>([]);
  /** Handlers by action id, newest last (a view inside a view: the inner one's wins while it is there). */
  #handlers = $state.raw<Readonly<Record<string, readonly Handler[]>>>({});
  readonly #context: () => ActionContext;

  constructor(context: () => ActionContext) {
    this.#context = context;
  }

  /** Adds definitions (a view's, the app's); returns their removal. Later ones win over earlier of the same id. */
  define(definitions: readonly ActionDefinition[]): () => void {
    // Components add and remove in effects: reading what is there must not make the effect depend on it.
    untrack(() => (this.#definitions = [...this.#definitions, definitions]));
    return () =>
      untrack(() => {
        this.#definitions = this.#definitions.filter((known) => known !== definitions);
      });
  }

  /**
   * A component handles an action while it is on screen: the log view handles "Live tail on/off". Returns
   * the removal (call it when the component goes).
   */
  handle(id: string, run: () => void, enabled: () => boolean = () => true): () => void {
    const handler: Handler = { run, enabled };
    untrack(() => {
      this.#handlers = { ...this.#handlers, [id]: [...(this.#handlers[id] ?? []), handler] };
    });
    return () =>
      untrack(() => {
        const { [id]: known = [], ...others } = this.#handlers;
        const rest = known.filter((other) => other !== handler);
        this.#handlers = rest.length === 0 ? others : { ...others, [id]: rest };
      });
  }

  /** Every definition, each id once (the latest), in the order first defined. */
  definitions(): ActionDefinition[] {
    const byId: Record<string, ActionDefinition> = {};
    for (const group of this.#definitions) for (const definition of group) byId[definition.id] = definition;
    return Object.values(byId);
  }

  /** The actions that can run now, in definition order. */
  available(): AvailableAction[] {
    const context = this.#context();
    return this.definitions().flatMap((definition) => {
      const run = this.#runner(definition, context);
      return run === null ? [] : [{ definition, run }];
    });
  }

  /** Runs an action if it can run now; answers whether it did. */
  run(id: string): boolean {
    const definition = this.definitions().find((known) => known.id === id);
    const run = definition === undefined ? null : this.#runner(definition, this.#context());
    run?.();
    return run !== null;
  }

  #runner(definition: ActionDefinition, context: ActionContext): (() => void) | null {
    if (definition.modes !== undefined && !definition.modes.includes(context.mode)) return null;
    if (definition.enabled !== undefined && !definition.enabled(context)) return null;
    const handler = this.#handlers[definition.id]?.findLast((known) => known.enabled());
    if (handler !== undefined) return handler.run;
    const run = definition.run;
    return run === undefined ? null : () => run(context);
  }
}
