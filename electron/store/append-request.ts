import type { EventToAppend, ExpectedRevision } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import type { AppendRequest } from './append-plan.js';
import {
  assertEventFits,
  prepareEvent,
  validateExpectedRevision,
  validateStreamId,
  type PreparedEvent,
} from './event-validation.js';

/** How errors name an append that is one of several, and its events. */
export interface AppendNames {
  /** The append as a whole: "Append 2 of 5" (a function: the text is needed only when something is wrong). */
  readonly append: () => string;
  /** One of its events, by index: "Append 2 of 5, event 3 of 4" (or what the caller's input calls it). */
  readonly event: (index: number) => string;
}

/**
 * Checks one stream's append and serialises its events, before it waits for the write lock. An error about
 * one event says which (`details.event`, counted from 1).
 */
export function prepareAppendRequest(
  stream: string,
  events: readonly EventToAppend[],
  expectedRevision: unknown,
  names?: AppendNames,
): AppendRequest {
  const prefix = (): string => (names === undefined ? '' : `${names.append()}: `);
  let expected: ExpectedRevision;
  try {
    validateStreamId(stream);
    expected = validateExpectedRevision(expectedRevision ?? 'any');
  } catch (error) {
    throw prefixed(error, prefix());
  }
  // The argument may come from outside TypeScript (IPC, a script): check before trusting its type.
  if (!isNonEmptyList(events)) {
    throw new StoreError('InvalidArgument', `${prefix()}An append needs at least one event`);
  }
  const prepared = events.map((event, i) => {
    const where =
      names !== undefined
        ? () => names.event(i)
        : events.length === 1
          ? 'Event'
          : () => `Event ${i + 1} of ${events.length}`;
    try {
      const ready = prepareEvent(event, where);
      assertEventFits(stream, ready, where);
      return ready;
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      throw new StoreError(error.code, error.message, { ...error.details, event: i + 1 });
    }
  });
  assertUniqueIds(stream, prepared, prefix);
  return { stream, events: prepared, expected };
}

/**
 * An id names one event of a stream: two events of one append with the same id would both be stored, and a
 * retry of that append could then never succeed. Only ids the caller chose can repeat.
 */
function assertUniqueIds(stream: string, events: readonly PreparedEvent[], prefix: () => string): void {
  let seen: Map<string, number> | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (!event.idGiven) continue;
    seen ??= new Map();
    const earlier = seen.get(event.id);
    if (earlier !== undefined) {
      throw new StoreError(
        'DuplicateEventId',
        `${prefix()}Events ${earlier + 1} and ${i + 1} of this append have the same id ${event.id} ` +
          `(stream "${stream}"); an id names one event of a stream`,
        { stream, id: event.id, events: [earlier + 1, i + 1] },
      );
    }
    seen.set(event.id, i);
  }
}

function isNonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function prefixed(error: unknown, prefix: string): unknown {
  if (prefix === '' || !(error instanceof StoreError)) return error;
  return new StoreError(error.code, `${prefix}${error.message}`, error.details);
}
