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
  for (let i = 0; i < appends.length; i++) {
    const append = appends[i] as StreamAppend | undefined;
    try {
      if (typeof append !== 'object' || append === null) {
        throw new StoreError('InvalidArgument', `Append ${i + 1} of ${appends.length} is not an object`);
      }
      requests.push(
        prepareAppendRequest(
          append.stream,
          append.events,
          append.expectedRevision,
          namesOf(append, i, appends.length),
        ),
      );
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      return { requests: atomic ? [] : requests, invalid: { index: i, error } };
    }
  }
  return { requests, invalid: undefined };
}

/** How errors name the i-th of `total` appends and its events; built only when one is needed. */
function namesOf(append: StreamAppend, i: number, total: number): AppendNames {
  const { eventNames } = append;
  if (eventNames !== undefined) return { append: () => eventNames(0), event: eventNames };
  const label = (): string => `Append ${i + 1} of ${total}`;
  const count = Array.isArray(append.events) ? append.events.length : 0;
  return { append: label, event: (j) => `${label()}, event ${j + 1} of ${count}` };
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
