import type { LogFilter } from '../../../../shared/contract.js';
import { parseUtcTime } from './utc-time.js';

/** The filters as the toolbar edits them: plain strings, empty meaning "not filtered". */
export interface LogQuery {
  readonly types: readonly string[];
  readonly stream: string;
  /** UTC times as typed (events are stored in UTC), e.g. `2026-11-26 09:30`; see utc-time.ts. */
  readonly from: string;
  readonly to: string;
  readonly text: string;
  /** Conditions on fields' values, as typed: `data.total > 100` (shared/value-filter.ts). */
  readonly where: readonly string[];
}

export const EMPTY_QUERY: LogQuery = { types: [], stream: '', from: '', to: '', text: '', where: [] };

export function isFiltered(query: LogQuery): boolean {
  return (
    query.types.length > 0 ||
    query.stream.trim() !== '' ||
    query.from !== '' ||
    query.to !== '' ||
    query.text.trim() !== '' ||
    query.where.length > 0
  );
}

/**
 * The contract's filter for a query; undefined when nothing filters. Times are typed in UTC and may be
 * partial: a `to` of `09:30` includes the whole minute (see utc-time.ts). A time that does not parse is
 * left out (the time picker never applies one).
 */
export function toLogFilter(query: LogQuery): LogFilter | undefined {
  if (!isFiltered(query)) return undefined;
  const filter: { -readonly [K in keyof LogFilter]: LogFilter[K] } = {};
  if (query.types.length > 0) filter.types = [...query.types];
  if (query.stream.trim() !== '') filter.stream = query.stream.trim();
  const from = query.from === '' ? null : parseUtcTime(query.from);
  const to = query.to === '' ? null : parseUtcTime(query.to, true);
  if (from?.ok) filter.from = from.iso;
  if (to?.ok) filter.to = to.iso;
  if (query.text.trim() !== '') filter.text = query.text.trim();
  if (query.where.length > 0) filter.where = [...query.where];
  return filter;
}
