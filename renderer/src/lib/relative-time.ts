const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * How long ago an ISO time was, short enough for a dense list column ("5 min ago"). Older than a month, the
 * date itself says more than a count of days. A time ahead of `now` (another machine's clock) reads "just now"
 * rather than a confusing "in 3 s".
 */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const ago = now - then;
  if (ago < 5 * SECOND) return 'just now';
  if (ago < MINUTE) return `${Math.floor(ago / SECOND)} s ago`;
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 31 * DAY) return `${Math.floor(ago / DAY)} d ago`;
  const date = new Date(then);
  const month = MONTHS[date.getUTCMonth()] ?? '';
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}

/** The exact stored time, readable: `2026-11-26 09:31:19.123 UTC` (events are recorded in UTC). */
export function absoluteTime(iso: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  return `${new Date(then).toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}
