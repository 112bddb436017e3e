/** What `step` answers (fold-runtime.ts): why it returned. */
export const FoldStep = {
  /** The chunk is used up: feed the next one. */
  needInput: 0,
  /** The fold reached the position it was asked for. */
  reached: 1,
  /** The time budget of this call is spent; call again. */
  yielded: 2,
  /** A handler threw: read `fault`. */
  fault: 3,
  /** A history search found as many changes as asked for. */
  limit: 4,
  /** Announce mode: the next event's handler is about to run (its position is `current`); call again. */
  announce: 5,
  /** The operation itself threw (top-level code, $init, a state that cannot be serialised): read `fault`. */
  failed: -1,
} as const;

/**
 * One projection's folds inside its sandbox process: the sandboxed user code or a built-in. `call`
 * prepares and runs one operation of fold-runtime.ts and returns its answer; a time limit, when there is
 * one, throws.
 */
export interface FoldMachine {
  call(...args: unknown[]): number | string;
  /** `call` with a time limit of its own (a large state's serialisation takes longer than a handler). */
  callWithin(timeoutMs: number, ...args: unknown[]): number | string;
  /** Position of the event being handled (or last handled). */
  readonly current: () => number;
}

/** A fault as the runtime reports it, parsed. */
export interface FoldFault {
  readonly position: number | null;
  readonly message: string;
}
