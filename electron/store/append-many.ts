import type { AppendResult } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import type { AppendRequest, UnitOutcome } from './append-plan.js';
import { prepareAppendRequest, type AppendNames } from './append-request.js';
import type { StreamAppend } from './event-store-api.js';

/**
 * `appendMany` failed: `cause` says why (its code is this error's code, so a WrongExpectedRevision stays
 * one), `failedAt` which append (0-based, in the order given), `appended` what was stored before it (always
 * nothing for an atomic appendMany).
 */
export class AppendManyError extends StoreError {
  override readonly name = 'AppendManyError';
  constructor(
    readonly failedAt: number,
    readonly stream: string,
    readonly appended: readonly AppendResult[],
    override readonly cause: StoreError,
    total: number,
    atomic: boolean,
  ) {
    const stored = atomic
      ? 'nothing was appended (atomic)'
      : appended.length === 0
        ? 'nothing before it was appended'
        : `the ${appended.length === 1 ? 'append' : `${appended.length} appends`} before it ` +
          `${appended.length === 1 ? 'was' : 'were'} stored, none after it`;
    super(
      cause.code,
      `Append ${failedAt + 1} of ${total} (stream "${stream}") failed: ${cause.message}; ${stored}`,
      { ...cause.details, failedAt, appended: appended.length },
    );
  }
}

/**
 * Checks every append of an appendMany before any of them waits for the lock. Those before the first bad
 * one are still appended when the appendMany is not atomic.
 */
export function prepareAppends(
  appends: readonly StreamAppend[],
  atomic: boolean,
): { requests: AppendRequest[]; invalid: { index: number; error: StoreError } | undefined } {
  if (!Array.isArray(appends)) {
    throw new StoreError('InvalidArgument', 'appendMany takes a list of {stream, events, expectedRevision}');
  }
  const requests: AppendRequest[] = [];
  const names = new AppendNumbering(appends);
  for (let i = 0; i < appends.length; i++) {
    const append = appends[i] as StreamAppend | undefined;
    try {
      if (typeof append !== 'object' || append === null) {
        throw new StoreError('InvalidArgument', `${names.append(i)} is not an object`);
      }
      requests.push(prepareAppendRequest(append.stream, append.events, append.expectedRevision, names, i));
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      return { requests: atomic ? [] : requests, invalid: { index: i, error } };
    }
  }
  return { requests, invalid: undefined };
}

/** "Append 2 of 5, event 3 of 4", or the names the caller gave an append's events (StreamAppend.eventNames). */
class AppendNumbering implements AppendNames {
  constructor(private readonly appends: readonly StreamAppend[]) {}

  append(index: number): string {
    const given = this.appends[index]?.eventNames;
    return given === undefined ? `Append ${index + 1} of ${this.appends.length}` : given(0);
  }

  event(index: number, event: number): string {
    const append = this.appends[index];
    if (append?.eventNames !== undefined) return append.eventNames(event);
    const count = Array.isArray(append?.events) ? append.events.length : 0;
    return `${this.append(index)}, event ${event + 1} of ${count}`;
  }
}

/** The error an appendMany rejects with, or undefined when every append went in. */
export function appendManyFailure(
  appends: readonly StreamAppend[],
  atomic: boolean,
  outcome: UnitOutcome,
  invalid: { index: number; error: StoreError } | undefined,
): AppendManyError | undefined {
  const failure = outcome.failure ?? invalid;
  if (failure === undefined) return undefined;
  const stream: unknown = appends[failure.index]?.stream;
  return new AppendManyError(
    failure.index,
    typeof stream === 'string' ? stream : '',
    outcome.results,
    failure.error,
    appends.length,
    atomic,
  );
}
