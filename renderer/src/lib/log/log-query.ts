import type { LogFilter } from '../../../../shared/contract.js';

/** The filters as the toolbar edits them: plain strings, empty meaning "not filtered". */
export interface LogQuery {
  readonly types: readonly string[];
  readonly stream: string;
  /** `<input type="datetime-local">` values in UTC (events are stored in UTC), e.g. `2026-11-26T09:30`. */
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

export const EMPTY_QUERY: LogQuery = { types: [], stream: '', from: '', to: '', text: '' };

export function isFiltered(query: LogQuery): boolean {
  return (
    query.types.length > 0 ||
    query.stream.trim() !== '' ||
    query.from !== '' ||
    query.to !== '' ||
    query.text.trim() !== ''
  );
}

/**
 * The contract's filter for a query; undefined when nothing filters. A `to` minute is inclusive of the
 * whole minute (09:30 covers 09:30:59.999), which is what someone picking "to 09:30" means.
 */
export function toLogFilter(query: LogQuery): LogFilter | undefined {
  if (!isFiltered(query)) return undefined;
  const filter: { -readonly [K in keyof LogFilter]: LogFilter[K] } = {};
  if (query.types.length > 0) filter.types = [...query.types];
  if (query.stream.trim() !== '') filter.stream = query.stream.trim();
  if (query.from !== '') filter.from = utcInstant(query.from, 0);
  if (query.to !== '') filter.to = utcInstant(query.to, 59_999);
  if (query.text.trim() !== '') filter.text = query.text.trim();
  return filter;
}

/** `2026-11-26T09:30` (or with seconds) read as UTC, plus `extraMs` when no seconds were given. */
export function utcInstant(local: string, extraMs: number): string {
  const withSeconds = /T\d\d:\d\d$/.test(local) ? `${local}:00` : local;
  const time = Date.parse(`${withSeconds}Z`);
  if (Number.isNaN(time)) throw new Error(`"${local}" is not a date and time (YYYY-MM-DDTHH:MM)`);
  const extra = withSeconds === local ? 0 : extraMs;
  return new Date(time + extra).toISOString();
}
