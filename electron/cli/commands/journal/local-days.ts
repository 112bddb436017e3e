import { DayPhraseError, parseDayPhrase } from '../../../../shared/day-phrase.js';
import { UsageError } from '../../args.js';

/** Today in this computer's time zone, `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  return localDay(now.getTime());
}

/** The local day of an instant, `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first instant (ms) of a local day, or of the day `later` days after it. */
export function startOfLocalDay(day: string, later = 0): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  // Date counts past the end of a month into the next, in local time: DST days are 23 or 25 hours long.
  return new Date(year, month - 1, date + later).getTime();
}

/** An option's day phrase (`yesterday`, `2026-12-01`, `last monday`) as the local day it means. */
export function dayOption(option: string, phrase: string | undefined): string | undefined {
  if (phrase === undefined) return undefined;
  try {
    return parseDayPhrase(phrase, localToday());
  } catch (error) {
    if (error instanceof DayPhraseError) throw new UsageError(`--${option}: ${error.message}`);
    throw error;
  }
}

/** "2026-03-01 09:15" in local time. */
export function localTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDay(ms)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
