/**
 * The shapes of events as the store records them and as callers propose them.
 * These travel through the IPC contract, so they are plain JSON values only.
 */

/** Any value that survives JSON.stringify/JSON.parse unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Global position in the folder's log: 1, 2, 3 … without gaps. */
export type Position = number;

/** Revision of an event within its stream: 0, 1, 2 … */
export type StreamRevision = number;

/** An event as it is stored, and as `eventfold read --json` prints it. */
export interface RecordedEvent {
  readonly position: Position;
  readonly stream: string;
  readonly revision: StreamRevision;
  /** UUID, unique within the stream; re-appending the same id with the same content is a no-op. */
  readonly id: string;
  readonly type: string;
  /** ISO-8601 UTC, millisecond precision. */
  readonly time: string;
  readonly data: JsonValue;
  readonly meta: JsonValue;
}

/** An event proposed for appending; the store assigns position, revision and time (and id when absent). */
export interface EventToAppend {
  readonly type: string;
  readonly data?: JsonValue;
  readonly meta?: JsonValue;
  readonly id?: string;
}

/**
 * What the caller believes about the stream before appending.
 * - a number: the stream's current last revision must be exactly this;
 * - 'no-stream': the stream must not exist yet;
 * - 'exists': the stream must have at least one event;
 * - 'any': no check.
 */
export type ExpectedRevision = StreamRevision | 'any' | 'no-stream' | 'exists';

export interface AppendResult {
  /** Position of the first event of this append (or of the original events, for an idempotent retry). */
  readonly firstPosition: Position;
  readonly lastPosition: Position;
  /** The stream's last revision after the append: pass it as expectedRevision for the next one. */
  readonly nextExpectedRevision: StreamRevision;
  /** True when every event was already in the stream with the same content and nothing was written. */
  readonly duplicate: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';
