/**
 * The journal's days are the user's local days (DESIGN.md: day separators, the calendar, statistics and
 * "on this day" all go by the time zone the page names), while its times are stored in UTC. These turn
 * one into the other for any IANA zone, not only the browser's own, so tests can pin a zone.
 */

/** The parts of a wall-clock reading, in a zone (the Intl warm-up worker makes the same format). */
export const WALL_CLOCK_PARTS: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
};

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormat.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, ...WALL_CLOCK_PARTS });
    partsFormat.set(timeZone, format);
  }
  return format;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local day (`YYYY-MM-DD`) of an instant in a zone. */
export function dayOf(iso: string | number | Date, timeZone: string): string {
  const instant = typeof iso === 'number' ? iso : new Date(iso).getTime();
  const clock = wallClock(instant, timeZone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The first instant of a local day, as an ISO time: where "jump to a date" starts. Midnight that a
 * daylight-saving change skips is the first instant that exists on that day.
 */
export function startOfDay(day: string, timeZone: string): string {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(year, month - 1, date);
  // Two rounds: the offset at the guess may differ from the offset at the answer across a DST change.
  let instant = utcMidnight - offsetAt(utcMidnight, timeZone);
  instant = utcMidnight - offsetAt(instant, timeZone);
  if (dayOf(instant, timeZone) !== day) instant += 60 * 60 * 1000;
  return new Date(instant).toISOString();
}

/** The last millisecond of a local day: the end of a date range that includes that day. */
export function endOfDay(day: string, timeZone: string): string {
  return new Date(Date.parse(startOfDay(addDays(day, 1), timeZone)) - 1).toISOString();
}

/** A calendar day moved by whole days (no time zone involved: days are labels here). */
export function addDays(day: string, days: number): string {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** A day's heading in the message list: Today, Yesterday, or the weekday and date. */
export function dayLabel(day: string, today: string, locale?: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, -1)) return 'Yesterday';
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return cachedFormat(
    `day ${sameYear ? 'same' : 'other'} ${locale ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: 'UTC',
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        ...(sameYear ? {} : { year: 'numeric' }),
      }),
  ).format(new Date(`${day}T12:00:00.000Z`));
}

/** A message's time of day, as the list shows it beside the message. */
export function clockTime(iso: string, timeZone: string, locale?: string): string {
  return cachedFormat(
    `clock ${timeZone} ${locale ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }),
  ).format(new Date(iso));
}

/** The full local date and time, for tooltips and the as-of banner. */
export function fullTime(iso: string, timeZone: string, locale?: string): string {
  return cachedFormat(
    `full ${timeZone} ${locale ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }),
  ).format(new Date(iso));
}

/** The time zone the browser runs in (the user's), falling back to UTC where it cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: a page of 50 messages built
// three a message (about 65 ms of its first screen). Kept by what they were built for.
const formats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(key: string, build: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (format === undefined) {
    format = build();
    formats.set(key, format);
  }
  return format;
}
