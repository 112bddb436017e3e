import type {
  EventfoldApi,
  PushEvents,
  PushName,
  RequestArg,
  RequestName,
  RequestResult,
} from '../../../../shared/contract.js';

/** A request the page will make on its first screen, sent with the connection instead of after the mounts. */
export interface EarlyCall {
  readonly name: RequestName;
  readonly arg: unknown;
}

/**
 * The pushes the app listens to from its start (AppSession): those that come before it listens are kept.
 * Named here rather than taken from the contract's list, whose schemas would come into the app's first
 * bundle with it.
 */
const HELD_PUSHES: readonly PushName[] = ['folder.changed', 'folder.progress', 'app.error', 'app.command'];

const OPENS_FOLDER: ReadonlySet<RequestName> = new Set(['folder.open', 'folder.create', 'folder.choose']);

/** An answer nobody took within this time is dropped: the next call asks again rather than read old data. */
const KEPT_MS = 10_000;

/**
 * The api as the page's first moments see it: the requests its first screen will make (the folder, the
 * newest messages of the channel in the address) go out as soon as the connection is open, while the app's
 * components are still being made, and the first call with the same name and argument takes that answer
 * (once). Pushes that come before anyone listens (the folder the server opened, or why it could not) are
 * kept for the first listener of their name, as they would have been heard had it listened from the start.
 */
export class EarlyCalls implements EventfoldApi {
  readonly #api: EventfoldApi;
  readonly #kept = new Map<string, Promise<unknown>>();
  readonly #held = new Map<PushName, { readonly at: number; readonly payload: unknown }[]>();
  readonly #keptMs: number;
  readonly #listening = new Set<PushName>();

  constructor(api: EventfoldApi, calls: readonly EarlyCall[], keptMs = KEPT_MS) {
    this.#api = api;
    this.#keptMs = keptMs;
    for (const name of HELD_PUSHES) {
      api.on(name, (payload) => {
        if (this.#listening.has(name)) return;
        const held = this.#held.get(name) ?? [];
        held.push({ at: Date.now(), payload });
        this.#held.set(name, held);
      });
    }
    for (const { name, arg } of calls) {
      const key = callKey(name, arg);
      if (this.#kept.has(key)) continue;
      const answer = (api.call as (name: RequestName, arg: unknown) => Promise<unknown>)(name, arg);
      // A call that takes it reports its failure; an answer never taken fails unheard.
      answer.catch(() => undefined);
      this.#kept.set(key, answer);
      setTimeout(() => {
        if (this.#kept.get(key) === answer) this.#kept.delete(key);
      }, keptMs);
    }
  }

  call<N extends RequestName>(name: N, arg: RequestArg<N>): Promise<RequestResult<N>> {
    const key = callKey(name, arg);
    const kept = this.#kept.get(key);
    if (kept === undefined) {
      // Another folder's answers would differ: what was asked for the first one is not given for it.
      if (OPENS_FOLDER.has(name)) this.#kept.clear();
      return this.#api.call(name, arg);
    }
    this.#kept.delete(key);
    return kept as Promise<RequestResult<N>>;
  }

  on<P extends PushName>(name: P, listener: (payload: PushEvents[P]) => void): () => void {
    const stop = this.#api.on(name, listener);
    if (!this.#listening.has(name)) {
      this.#listening.add(name);
      const held = this.#held.get(name) ?? [];
      this.#held.delete(name);
      // A push kept longer than an answer would be is old news by now.
      const since = Date.now() - this.#keptMs;
      for (const { at, payload } of held) if (at >= since) listener(payload as PushEvents[P]);
    }
    return stop;
  }

  /** Closes the connection underneath, where it can be closed (browser mode's socket). */
  close(): void {
    (this.#api as { close?: () => void }).close?.();
  }
}

/** The same request whatever the order its argument's keys were written in. */
export function callKey(name: string, arg: unknown): string {
  return `${name} ${JSON.stringify(arg ?? null, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )}`;
}
