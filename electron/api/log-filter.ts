import type { LogFilter, LogSource } from '../../shared/contract.js';
import type { RecordedEvent } from '../../shared/event.js';
import type { PositionQuery } from '../store/index.js';
import { matchesCondition, parseValueConditions, ValueConditionError } from '../../shared/value-filter.js';
import { ContractFailure } from './contract-failure.js';
import { streamNameMatcher } from './wildcard.js';

/** A log view's source and filters, split by what can answer them. */
export interface CompiledFilter {
  /** Answered by the index (source, types, stream pattern); undefined when every event qualifies. */
  readonly query: Omit<PositionQuery, 'from' | 'to'> | undefined;
  /** Needs the event's line (text, time, values); undefined when the index is enough. */
  readonly test: ((event: RecordedEvent) => boolean) | undefined;
}

export function compileLogFilter(source: LogSource, filter: LogFilter = {}): CompiledFilter {
  const query: { -readonly [K in keyof PositionQuery]: PositionQuery[K] } = {};
  if (source.kind === 'stream') query.stream = source.stream;
  if (source.kind === 'category') query.category = source.category;
  // An empty type list is what a cleared type picker sends: it means "no type filter", not "nothing".
  if (filter.types !== undefined && filter.types.length > 0) query.types = filter.types;
  if (filter.stream !== undefined && filter.stream !== '')
    query.streamMatches = streamNameMatcher(filter.stream);

  const tests: ((event: RecordedEvent) => boolean)[] = [];
  const from = filter.from === undefined ? undefined : isoTime(filter.from, 'log.open', 'filter.from');
  const to = filter.to === undefined ? undefined : isoTime(filter.to, 'log.open', 'filter.to');
  // Event times are ISO-8601 UTC with milliseconds, so normalised times compare as strings.
  if (from !== undefined) tests.push((event) => event.time >= from);
  if (to !== undefined) tests.push((event) => event.time <= to);
  const text = filter.text?.toLowerCase() ?? '';
  if (text !== '') {
    tests.push(
      (event) =>
        JSON.stringify(event.data).toLowerCase().includes(text) ||
        JSON.stringify(event.meta).toLowerCase().includes(text),
    );
  }
  for (const condition of valueConditions(filter.where ?? [])) {
    tests.push((event) => matchesCondition(event, condition));
  }
  return {
    query: Object.keys(query).length === 0 ? undefined : query,
    test: tests.length === 0 ? undefined : (event) => tests.every((passes) => passes(event)),
  };
}

/** The value conditions, or a BadRequest naming the one that does not parse, what is wrong and where. */
function valueConditions(where: readonly string[]) {
  try {
    return parseValueConditions(where);
  } catch (error) {
    if (!(error instanceof ValueConditionError)) throw error;
    throw new ContractFailure('BadRequest', `log.open: filter.where[${error.index}] ${error.message}`, {
      request: 'log.open',
      path: ['filter', 'where', error.index],
      at: error.at,
    });
  }
}

/** A time as the store writes them, or a BadRequest naming the request, the field and the value. */
export function isoTime(text: string, request: string, field: string): string {
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) {
    throw new ContractFailure(
      'BadRequest',
      `${request}: ${field} must be an ISO-8601 time such as 2026-01-31T12:00:00Z, not ${JSON.stringify(text)}`,
      { request, path: field.split('.') },
    );
  }
  return new Date(millis).toISOString();
}
