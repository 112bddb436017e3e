/**
 * Days as people type them on a command line, in the spirit of jrnl: `today`, `yesterday`, `2026-12-01`,
 * `monday` or `last monday` (the most recent Monday before today), `3 days ago`, `2 weeks ago`,
 * `a month ago`, `1 year ago`. Pure: the caller says which day today is (in the user's own time zone) and
 * turns the answer into instants; a day is `YYYY-MM-DD`.
 */

/** A phrase that is not a day: the message says what was typed and what would have been understood. */
export class DayPhraseError extends Error {
  override readonly name = 'DayPhraseError';
  constructor(readonly phrase: string) {
    super(
      `"${phrase}" is not a day: write 2026-12-01, today, yesterday, monday (or last monday), 3 days ago, 2 weeks ago, a month ago`,
    );
  }
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const UNITS: Readonly<Record<string, 'day' | 'week' | 'month' | 'year'>> = {
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  year: 'year',
  years: 'year',
};
const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const AGO = /^(\d{1,5}|an?|one) +([a-z]+) +ago$/;
const DAY_MS = 86_400_000;

/** The day a phrase means, seen from `today` (`YYYY-MM-DD`). Throws DayPhraseError for anything else. */
export function parseDayPhrase(phrase: string, today: string): string {
  const text = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  const base = dayNumber(today);
  if (base === undefined) throw new RangeError(`today must be a day written YYYY-MM-DD, not ${today}`);
  if (text === 'today' || text === 'now') return dayText(base);
  if (text === 'yesterday') return dayText(base - 1);
  if (text === 'tomorrow') return dayText(base + 1);
  const exact = DAY.exec(text);
  if (exact !== null) {
    const day = `${exact[1]}-${exact[2]!.padStart(2, '0')}-${exact[3]!.padStart(2, '0')}`;
    if (dayNumber(day) === undefined) throw new DayPhraseError(phrase);
    return day;
  }
  const weekday = WEEKDAYS.indexOf(text.replace(/^last /, ''));
  if (weekday !== -1) {
    // Monday is 0; the day number of 1970-01-01 (0) was a Thursday (3).
    const todayWeekday = (((base + 3) % 7) + 7) % 7;
    const back = (todayWeekday - weekday + 7) % 7 || 7;
    return dayText(base - back);
  }
  const ago = AGO.exec(text);
  const unit = ago === null ? undefined : UNITS[ago[2]!];
  if (ago !== null && unit !== undefined) {
    const count = /^\d/.test(ago[1]!) ? Number(ago[1]) : 1;
    if (unit === 'day') return dayText(base - count);
    if (unit === 'week') return dayText(base - 7 * count);
    return monthsBack(today, unit === 'month' ? count : 12 * count);
  }
  throw new DayPhraseError(phrase);
}

/** Days since 1970-01-01 for a real day, else undefined. */
function dayNumber(day: string): number | undefined {
  const match = DAY.exec(day);
  if (match === null) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date) {
    return undefined;
  }
  return Math.round(ms / DAY_MS);
}

function dayText(number: number): string {
  const date = new Date(number * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${year}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** The same day of the month, `months` earlier; the month's last day when it is shorter (31 March - 1 = 28 February). */
function monthsBack(today: string, months: number): string {
  const [year, month, date] = today.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const last = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const ms = Date.UTC(targetYear, targetMonth, Math.min(date, last));
  // Date.UTC maps years 0-99 to 1900-1999.
  const fixed = new Date(ms);
  if (targetYear >= 0 && targetYear < 100) fixed.setUTCFullYear(targetYear);
  return dayText(Math.round(fixed.getTime() / DAY_MS));
}
