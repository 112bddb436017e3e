import type { RecordedEvent } from '../../shared/event.js';

/**
 * Anything built from the log with a store of its own: the journal's views, its search index, a report's
 * inputs. A read model folds events, one at a time and in position order, into state it keeps; the
 * runtime (ReadModelRunner) feeds it, follows the log live, keeps its checkpoint in the folder's cache and
 * reports its status. A read model does no I/O on the log itself and never looks at the clock, so that the
 * same events always give the same state.
 *
 * How the runtime uses one:
 * - on start it calls `load` with the text a `save` of the same `name` and `version` wrote, if the
 *   checkpoint is there, sound and still matches the log; otherwise `reset`;
 * - it calls `apply` for every event after the checkpoint (of the `types` asked for), then for each event
 *   appended by any process, until closed; `apply` calls never overlap, nor does `save` with them;
 * - it calls `save` now and then, after catching up and on close, and writes the text atomically;
 * - `rebuild` is `reset`, the checkpoint removed, and every event applied again.
 */
export interface ReadModel {
  /**
   * Names the read model's checkpoint, `cache/read-models/<name>.checkpoint`: 1 to 64 of a-z, 0-9 and
   * '-', unique in the folder.
   */
  readonly name: string;
  /**
   * The version of what `save` writes and of what `apply` makes of an event. Raise it when either
   * changes: a checkpoint of another version is not loaded, and the read model is rebuilt from the log.
   */
  readonly version: number;
  /** Only events of these types are applied (the runtime skips the others without reading them). */
  readonly types?: readonly string[];
  /** Forgets everything: the state of an empty log. */
  reset(): void | Promise<void>;
  /**
   * Folds one event. Throwing faults the read model at this event: nothing after it is applied, its
   * status names the event and the error, and the other read models of the folder go on.
   */
  apply(event: RecordedEvent): void | Promise<void>;
  /** The state as text, consistent with every event applied so far (and none after). */
  save(): string | Promise<string>;
  /**
   * Optional: called before `load`, with the same text, when the checkpoint covers the whole log (nothing
   * to catch up), so that a read model with a big state can answer first questions from part of it;
   * `load` is called once the promise it returns resolves. Never called when the state will be rebuilt.
   */
  loadPreview?(text: string): void | Promise<void>;
  /** Loads what `save` wrote. Throwing means the text cannot be used: the runtime rebuilds instead. */
  load(text: string): void | Promise<void>;
}

/** Positions first..last were applied (events of other types in that range were skipped). */
export interface AppliedRange {
  readonly first: number;
  readonly last: number;
}
