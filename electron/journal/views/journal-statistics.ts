import type { JournalId, JournalStatistics, TagCount } from '../../../shared/journal/index.js';
import type { JournalIndex } from '../read-model/journal-index.js';
import { tagsOfRecord } from '../read-model/message-record.js';
import { checkRange } from './journal-calendar.js';
import { postedBetween, postedSpan, timelinesOf } from './message-ranges.js';
import { nextDay, TimeZoneDays } from './time-zone-days.js';

export interface StatisticsOptions {
  readonly timeZone: string;
  readonly from?: string;
  readonly to?: string;
  readonly channel?: JournalId;
  /** Now, for the current streak (it ends today or yesterday in the time zone). */
  readonly now: number;
}

const TOP_TAGS = 50;

/** Entries and words per day, totals, streaks, tags, weekdays and hours, over local days. */
export function journalStatistics(index: JournalIndex, options: StatisticsOptions): JournalStatistics {
  const zone = new TimeZoneDays(options.timeZone);
  const timelines = timelinesOf(index, options.channel);
  const span = postedSpan(timelines);
  const from = options.from ?? (span === undefined ? null : zone.dayOf(span.first));
  const to = options.to ?? (span === undefined ? null : zone.dayOf(span.last));
  const empty: JournalStatistics = {
    from,
    to,
    days: [],
    totals: { entries: 0, words: 0, activeDays: 0, attachments: 0 },
    streaks: { current: 0, longest: null },
    tags: [],
    weekdays: [0, 0, 0, 0, 0, 0, 0],
    hours: new Array<number>(24).fill(0),
  };
  if (from === null || to === null || from > to) return empty;
  checkRange(from, to);
  const days = new Map<string, { entries: number; words: number }>();
  const tags = new Map<string, number>();
  const weekdays = [...empty.weekdays];
  const hours = [...empty.hours];
  let entries = 0;
  let words = 0;
  let attachments = 0;
  for (const record of postedBetween(timelines, zone.startOf(from), zone.endOf(to))) {
    const moment = zone.momentOf(record.at);
    const day = days.get(moment.day) ?? { entries: 0, words: 0 };
    day.entries++;
    day.words += record.words;
    days.set(moment.day, day);
    weekdays[moment.weekday]!++;
    hours[moment.hour]!++;
    entries++;
    words += record.words;
    attachments += record.attachments;
    for (const tag of tagsOfRecord(record)) tags.set(tag, (tags.get(tag) ?? 0) + 1);
  }
  const sortedDays = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, counts]) => ({ day, ...counts }));
  return {
    from,
    to,
    days: sortedDays,
    totals: { entries, words, activeDays: sortedDays.length, attachments },
    streaks: streaks(
      sortedDays.map((day) => day.day),
      zone.dayOf(options.now),
    ),
    tags: topTags(tags, TOP_TAGS),
    weekdays,
    hours,
  };
}

/** Runs of consecutive days: the one that ends today or yesterday, and the longest (the latest of equals). */
export function streaks(activeDays: readonly string[], today: string): JournalStatistics['streaks'] {
  let longest: { days: number; from: string; to: string } | null = null;
  let days = 0;
  let first = '';
  let last = '';
  for (const day of activeDays) {
    if (days > 0 && nextDay(last) === day) days++;
    else {
      days = 1;
      first = day;
    }
    last = day;
    if (longest === null || days >= longest.days) longest = { days, from: first, to: last };
  }
  const current = days > 0 && (last === today || nextDay(last) === today) ? days : 0;
  return { current, longest };
}

export function topTags(counts: ReadonlyMap<string, number>, limit: number): TagCount[] {
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([tag, count]) => ({ tag, count }));
}

/** Tags in use (messages not deleted), most used first; with a prefix, those that start with it. */
export function tagCounts(
  index: JournalIndex,
  options: { readonly channel?: JournalId; readonly prefix?: string; readonly limit?: number },
): TagCount[] {
  const prefix = (options.prefix ?? '').normalize('NFC').toLowerCase().replace(/^#/, '');
  const counts = new Map<string, number>();
  for (const timeline of timelinesOf(index, options.channel)) {
    for (const record of timeline.list()) {
      if (record.deleted || (record.textTags.length === 0 && record.addedTags.length === 0)) continue;
      for (const tag of tagsOfRecord(record)) {
        if (tag.startsWith(prefix)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
    }
  }
  return topTags(counts, options.limit ?? 100);
}
