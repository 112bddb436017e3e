import type { EventToAppend, ExpectedRevision } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import type { AppendRequest } from './append-plan.js';
import {
  assertEventFits,
  prepareEvent,
  validateExpectedRevision,
  validateStreamId,
  type EventWhere,
  type PreparedEvent,
} from './event-validation.js';

/** How errors name the appends of an appendMany and their events, by index; texts are made only on error. */
export interface AppendNames {
  /** The append as a whole: "Append 2 of 5". */
  append(index: number): string;
  /** One of its events: "Append 2 of 5, event 3 of 4" (or what the caller's input calls it). */
  event(index: number, event: number): string;
}

/**
 * Checks one stream's append and serialises its events, before it waits for the write lock. An error about
 * one event says which (`details.event`, counted from 1). `names` and `index` name it when it is one of
 * several.
 */
export function prepareAppendRequest(
  stream: string,
  events: readonly EventToAppend[],
  expectedRevision: unknown,
  names?: AppendNames,
  index = 0,
): AppendRequest {
  const prefix = (): string => (names === undefined ? '' : `${names.append(index)}: `);
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
  const prepared = new Array<PreparedEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const where = whereOf(events.length, i, names, index);
    try {
      const ready = prepareEvent(events[i]!, where);
      assertEventFits(stream, ready, where);
      prepared[i] = ready;
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      throw new StoreError(error.code, error.message, { ...error.details, event: i + 1 });
    }
  }
  if (events.length > 1) assertUniqueIds(stream, prepared, prefix);
  return { stream, events: prepared, expected };
}

function whereOf(count: number, i: number, names: AppendNames | undefined, index: number): EventWhere {
  if (names !== undefined) return () => names.event(index, i);
  return count === 1 ? 'Event' : () => `Event ${i + 1} of ${count}`;
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
