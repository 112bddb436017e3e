import type { CalendarDay, JournalId } from '../../../shared/journal/index.js';
import { SchemaError } from '../../../shared/schema.js';
import type { JournalIndex } from '../read-model/journal-index.js';
import type { MessageRecord } from '../read-model/message-record.js';
import { postedBetween, timelinesOf } from './message-ranges.js';
import { TimeZoneDays } from './time-zone-days.js';

/** A calendar spans at most ten years (a year view is 366 days). */
const MAX_DAYS = 3660;

/** The days from..to (local to the time zone) with messages, and how many and how many words. */
export function calendarDays(
  index: JournalIndex,
  options: {
    readonly from: string;
    readonly to: string;
    readonly timeZone: string;
    readonly channel?: JournalId;
  },
): CalendarDay[] {
  checkRange(options.from, options.to);
  const zone = new TimeZoneDays(options.timeZone);
  const days = new Map<string, { messages: number; words: number }>();
  const timelines = timelinesOf(index, options.channel);
  for (const record of postedBetween(timelines, zone.startOf(options.from), zone.endOf(options.to))) {
    const day = zone.dayOf(record.at);
    const counts = days.get(day) ?? { messages: 0, words: 0 };
    counts.messages++;
    counts.words += record.words;
    days.set(day, counts);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, counts]) => ({ day, ...counts }));
}

export function checkRange(from: string, to: string): void {
  if (from > to) throw new SchemaError(['to'], `a day on or after from (${from}), not ${to}`);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_DAYS) throw new SchemaError(['to'], `at most ${MAX_DAYS} days after from (${from})`);
}

/**
 * "On this day": the messages posted on the same day of the year in earlier years, newest year first, at
 * most `limit` a year. 29 February looks only at leap years.
 */
export function onThisDay(
  index: JournalIndex,
  options: {
    readonly day: string;
    readonly timeZone: string;
    readonly channel?: JournalId;
    readonly limit?: number;
  },
): { year: number; records: MessageRecord[] }[] {
  const zone = new TimeZoneDays(options.timeZone);
  const limit = options.limit ?? 20;
  const timelines = timelinesOf(index, options.channel);
  const year = Number(options.day.slice(0, 4));
  const monthDay = options.day.slice(4);
  let oldest = Infinity;
  for (const timeline of timelines) {
    const first = timeline.list().find((record) => !record.deleted);
    if (first !== undefined) oldest = Math.min(oldest, first.at);
  }
  if (oldest === Infinity) return [];
  const firstYear = Number(zone.dayOf(oldest).slice(0, 4));
  const years: { year: number; records: MessageRecord[] }[] = [];
  for (let earlier = year - 1; earlier >= firstYear; earlier--) {
    const day = `${String(earlier).padStart(4, '0')}${monthDay}`;
    if (!isRealDay(day)) continue;
    const records = [...postedBetween(timelines, zone.startOf(day), zone.endOf(day))]
      .sort((a, b) => a.at - b.at || a.postPosition - b.postPosition)
      .slice(0, limit);
    if (records.length > 0) years.push({ year: earlier, records });
  }
  return years;
}

function isRealDay(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
}
