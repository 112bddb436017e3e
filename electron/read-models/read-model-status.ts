/**
 * Where a read model stands, as the runtime reports it:
 * - idle: not started;
 * - catching-up: folding the events appended since its checkpoint (`done` of `total`);
 * - live: caught up, following appends by any process;
 * - faulted: its `apply` threw at `fault.position`; nothing after it is applied until a rebuild;
 * - closed: stopped with its folder.
 */
export type ReadModelState = 'idle' | 'catching-up' | 'live' | 'faulted' | 'closed';

export interface ReadModelStatus {
  readonly name: string;
  readonly state: ReadModelState;
  /** The last position folded (events of other types up to it included). */
  readonly position: number;
  /** The folder's last position when the status was taken. */
  readonly lastPosition: number;
  /** While catching up: events folded since the catch-up began, of how many it had to go. */
  readonly progress: { readonly done: number; readonly total: number } | null;
  /** The event the read model faulted at and what it threw. */
  readonly fault: { readonly position: number; readonly error: string } | null;
  /**
   * How it started: from its checkpoint, or rebuilt from the first event and why (no checkpoint, another
   * version, a damaged file, a log that no longer matches it, a rebuild asked for).
   */
  readonly start: { readonly from: 'checkpoint' | 'log'; readonly reason: string | null } | null;
}
