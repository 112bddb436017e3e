import { ACTION_GROUPS, type AvailableAction } from '../actions/action.js';
import { errorText } from '../../../../shared/error-text.js';
import { matchScore } from './palette-match.js';

/** One line of the palette: an action (with its keys) or something a search found. */
export interface PaletteItem {
  readonly id: string;
  readonly label: string;
  readonly group: string;
  readonly hint?: string;
  /** The action's first key sequence, shown beside it. */
  readonly keys?: string;
  run(): void;
}

export type PaletteSearcher = (
  text: string,
) => readonly Omit<PaletteItem, 'keys'>[] | Promise<readonly Omit<PaletteItem, 'keys'>[]>;

/** Items a search may add, so that a short word in a big folder does not list thousands. */
const MOST_FOUND = 40;

/**
 * The command palette's state: what is typed, the matching actions and what the views' searches found for
 * it (streams, projections, an event by position), and which line is active. Searches answer asynchronously;
 * an answer for older text is dropped.
 */
export class CommandPalette {
  text = $state('');
  items = $state.raw<readonly PaletteItem[]>([]);
  active = $state(0);
  searching = $state(false);
  /** Why a search failed (the others' results still show). */
  error = $state<string | null>(null);

  readonly #actions: () => readonly AvailableAction[];
  readonly #searchers: readonly PaletteSearcher[];
  #generation = 0;

  constructor(actions: () => readonly AvailableAction[], searchers: readonly PaletteSearcher[], text = '') {
    this.#actions = actions;
    this.#searchers = searchers;
    this.type(text);
  }

  /** The text changed: the actions that match show at once, found items as their searches answer. */
  type(text: string): void {
    this.text = text;
    const generation = ++this.#generation;
    const matched = this.#matchActions(text);
    this.items = matched;
    this.active = 0;
    this.error = null;
    if (text.trim() === '' || this.#searchers.length === 0) {
      this.searching = false;
      return;
    }
    this.searching = true;
    let pending = this.#searchers.length;
    const found: PaletteItem[] = [];
    for (const search of this.#searchers) {
      Promise.resolve()
        .then(() => search(text))
        .then(
          (items) => found.push(...items),
          (error: unknown) => {
            if (generation === this.#generation) this.error = errorText(error);
          },
        )
        .finally(() => {
          if (generation !== this.#generation) return;
          pending--;
          // Found items lead (what the user typed is most likely a name), then the actions that match.
          const activeId = this.items[this.active]?.id;
          this.items = [...found.slice(0, MOST_FOUND), ...matched];
          const kept = this.items.findIndex((item) => item.id === activeId);
          this.active = kept === -1 || this.active === 0 ? 0 : kept;
          if (pending === 0) this.searching = false;
        });
    }
  }

  move(delta: number): void {
    if (this.items.length === 0) return;
    this.active = (this.active + delta + this.items.length) % this.items.length;
  }

  /** The active item (or the one at `index`); the caller closes the palette and runs it. */
  chosen(index = this.active): PaletteItem | undefined {
    return this.items[index];
  }

  #matchActions(text: string): PaletteItem[] {
    const scored = this.#actions()
      .filter((action) => action.definition.hidden !== true)
      .map((action) => ({
        action,
        score: matchScore(text, action.definition.label, action.definition.keywords),
      }))
      .filter(({ score }) => score > 0);
    const groupRank = (group: string): number => {
      const rank = (ACTION_GROUPS as readonly string[]).indexOf(group);
      return rank === -1 ? ACTION_GROUPS.length : rank;
    };
    // Typed text ranks by match; an empty palette lists everything by group.
    scored.sort((a, b) =>
      text.trim() === ''
        ? groupRank(a.action.definition.group) - groupRank(b.action.definition.group)
        : b.score - a.score,
    );
    return scored.map(({ action }) => ({
      id: `action:${action.definition.id}`,
      label: action.definition.label,
      group: action.definition.group,
      ...(action.definition.keys?.[0] === undefined ? {} : { keys: action.definition.keys[0] }),
      run: () => action.run(),
    }));
  }
}
