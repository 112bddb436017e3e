import type { ExpectedRevision, StreamRevision } from './event.js';

/**
 * Every failure the store reports has one of these codes, so that the CLI can choose an exit code
 * and the UI can choose what to offer (repair, retry, pick another folder) without parsing messages.
 */
export type StoreErrorCode =
  | 'WrongExpectedRevision'
  | 'DuplicateEventId'
  | 'InvalidEvent'
  | 'EventTooLarge'
  | 'NotAnEventFolder'
  | 'FolderNotEmpty'
  | 'UnsupportedFormat'
  | 'ReadOnly'
  | 'TornTail'
  | 'Corrupt'
  | 'LockTimeout'
  | 'Closed'
  | 'InvalidArgument'
  // A name the format reserves holds something else (a link, a directory, a FIFO): Eventfold never
  // writes through it; the message names the path.
  | 'UnsafePath'
  // The volume has no room for what a write needs; the message says how much is needed.
  | 'DiskFull';

/** Plain-object form of a store error, as it crosses the IPC boundary. */
export interface StoreErrorData {
  readonly code: StoreErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  toJSON(): StoreErrorData {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Describes a stream's actual state the way the user wrote the expectation. */
export function describeRevision(revision: StreamRevision | 'no-stream' | ExpectedRevision): string {
  return typeof revision === 'number' ? String(revision) : revision;
}

export class WrongExpectedRevisionError extends StoreError {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no-stream' when it has no events. */
    readonly actual: StreamRevision | 'no-stream',
  ) {
    super(
      'WrongExpectedRevision',
      `Wrong expected revision for stream "${stream}": expected ${describeRevision(expected)}, actual ${describeRevision(actual)}`,
      { stream, expected, actual },
    );
  }
}
