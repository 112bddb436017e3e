import { JOURNAL_EVENT_TYPES, readJournalEvent, type AttachmentRef } from '../../shared/journal/index.js';
import type { EventSelection, JournalPeriod } from '../../shared/report-stamp.js';
import {
  JournalIndex,
  TimeZoneDays,
  journalStatistics,
  plainExcerpt,
  postedBetween,
  tagsOfRecord,
  timelinesOf,
  type AttachmentFiles,
  type MessageRecord,
} from '../journal/index.js';
import type { EventStore } from '../store/index.js';
import { selectedLines, type SelectionProgress } from './event-selection.js';
import type { BuiltReport } from './folder-report.js';
import { digestPictures } from './journal-pictures.js';
import { LineDigest } from './line-digest.js';
import type { ReportBlock } from './report-document.js';
import { ReportError } from './report-error.js';

/** Longest period a digest covers: a year and a day (a leap year). */
const MAX_DAYS = 366;
/** "On this day" looks back only for periods up to a month: for a year it would be every earlier entry. */
const ON_THIS_DAY_DAYS = 31;
const ON_THIS_DAY_LIMIT = 20;
const TOP_TAGS = 20;
/** Entries read from the log a batch. */
const READ_BATCH = 500;

export interface JournalDigestOptions {
  /** Local days, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  /** A channel's id or name (case-insensitive); every channel when absent. */
  readonly channel?: string;
  /** The folder's attachments, for the entries' pictures. */
  readonly attachments: AttachmentFiles;
}

/**
 * The selection a journal digest reads: every journal event of the folder, positions 1..last. All of them
 * because an entry of the period shows its latest edit, tags and delete, whenever they were made; the
 * period picks entries by their own time (`at`), which imports set years before the line was written.
 */
export function journalSelection(store: EventStore): EventSelection {
  return {
    source: { kind: 'all' },
    filter: { types: [...JOURNAL_EVENT_TYPES].sort() },
    from: 1,
    to: store.lastPosition,
    closed: false,
  };
}

/** The period as the stamp records it; throws a ReportError naming what is wrong with the days. */
export function journalPeriod(options: JournalDigestOptions, channel: string | undefined): JournalPeriod {
  return {
    from: options.from,
    to: options.to,
    timeZone: options.timeZone,
    ...(channel === undefined ? {} : { channel }),
  };
}

/**
 * The journal digest of a period: entries per day (chart), words, tags, streaks, "on this day" and the
 * entries themselves with their pictures. One pass folds the journal's events (hashing their stored
 * lines); then the period's entries are read from the log at their current content.
 */
export async function journalDigest(
  store: EventStore,
  options: JournalDigestOptions,
  onProgress?: SelectionProgress,
): Promise<BuiltReport & { readonly period: JournalPeriod; readonly selection: EventSelection }> {
  checkPeriod(options);
  const zone = new TimeZoneDays(options.timeZone);
  const selection = journalSelection(store);
  const digest = new LineDigest();
  const index = new JournalIndex();
  let lastTime: string | undefined;
  for await (const lines of selectedLines(
    store,
    selection,
    { query: { types: selection.filter.types! }, test: undefined },
    onProgress,
  )) {
    digest.add(lines);
    for (const line of lines) {
      index.apply(line.event);
      lastTime = line.event.time;
    }
  }
  const channel = findChannel(index, options.channel);
  const timelines = timelinesOf(index, channel);
  const start = zone.startOf(options.from);
  const end = zone.endOf(options.to);
  const records = [...postedBetween(timelines, start, end)].sort(
    (a, b) => a.at - b.at || a.postPosition - b.postPosition,
  );
  const statistics = journalStatistics(index, {
    timeZone: options.timeZone,
    from: options.from,
    to: options.to,
    ...(channel === undefined ? {} : { channel }),
    // The streak that counts is the one at the period's end, not today's.
    now: end - 1,
  });
  const channelName = (id: string): string => index.channels.get(id)?.name ?? '(unknown channel)';
  const scope = channel === undefined ? 'all channels' : `channel ${channelName(channel)}`;
  const blocks: ReportBlock[] = [];
  if (records.length === 0) {
    blocks.push({ kind: 'paragraph', text: `No entries from ${options.from} to ${options.to} in ${scope}.` });
  } else {
    const days = everyDay(options.from, options.to);
    const perDay = new Map(statistics.days.map((day) => [day.day, day]));
    const { totals, streaks } = statistics;
    blocks.push(
      {
        kind: 'chart',
        chart: 'entries-per-day',
        title: 'Entries per day',
        data: {
          buckets: days,
          series: [
            { name: 'Entries', counts: days.map((day) => perDay.get(day)?.entries ?? 0) },
            { name: 'Words', counts: days.map((day) => perDay.get(day)?.words ?? 0) },
          ],
        },
      },
      { kind: 'heading', text: 'In numbers' },
      {
        kind: 'facts',
        rows: [
          ['Entries', count(totals.entries)],
          ['Words', count(totals.words)],
          ['Days with entries', `${count(totals.activeDays)} of ${count(days.length)}`],
          ['Pictures and files', count(totals.attachments)],
          [
            'Longest streak',
            streaks.longest === null
              ? '—'
              : `${plural(streaks.longest.days, 'day')} (${streaks.longest.from} to ${streaks.longest.to})`,
          ],
          ['Streak at the end of the period', plural(streaks.current, 'day')],
        ],
      },
    );
    if (statistics.tags.length > 0) {
      blocks.push(
        { kind: 'heading', text: 'Tags' },
        {
          kind: 'table',
          columns: ['Tag', 'Entries'],
          numeric: [1],
          rows: statistics.tags.slice(0, TOP_TAGS).map((tag) => [`#${tag.tag}`, tag.count]),
        },
      );
    }
  }
  blocks.push(...(await onThisDayBlocks(store, timelines, zone, options, channelName)));
  if (records.length > 0) {
    blocks.push({ kind: 'heading', text: 'Entries' });
    let day = '';
    for (let i = 0; i < records.length; i += READ_BATCH) {
      const batch = records.slice(i, i + READ_BATCH);
      const contents = await contentsOf(store, batch);
      for (const record of batch) {
        const moment = zone.dayOf(record.at);
        if (moment !== day) {
          day = moment;
          blocks.push({ kind: 'heading', text: longDay(day), level: 3 });
        }
        const content = contents.get(record.contentPosition) ?? { text: '', attachments: [] };
        blocks.push({
          kind: 'entry',
          time: localTime(zone, record.at),
          channel: channelName(record.channel),
          paragraphs: paragraphsOf(content.text),
          tags: tagsOfRecord(record),
          pictures: await digestPictures(options.attachments, content.attachments),
        });
      }
    }
  }
  const period = journalPeriod(options, channel);
  return {
    digest,
    period,
    selection,
    document: {
      title: `Journal digest: ${options.from === options.to ? options.from : `${options.from} to ${options.to}`}`,
      subtitle: `${scope} · ${plural(records.length, 'entry', 'entries')} · days in ${options.timeZone} · ${count(digest.count)} journal events, positions ${selection.from}..${selection.to}`,
      blocks,
      date: lastTime ?? '1970-01-01T00:00:00.000Z',
    },
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkPeriod(options: JournalDigestOptions): void {
  for (const [name, day] of [
    ['from', options.from],
    ['to', options.to],
  ] as const) {
    if (!DAY.test(day) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
      throw new ReportError('BadOption', `--${name} must be a day like 2026-03-01, not "${day}"`);
  }
  if (options.from > options.to)
    throw new ReportError('BadOption', `the period ends (${options.to}) before it starts (${options.from})`);
  if (everyDay(options.from, options.to).length > MAX_DAYS)
    throw new ReportError('BadOption', `a digest covers at most ${MAX_DAYS} days; make the period shorter`);
}

/** A channel by id, or by name ignoring case; an unknown one is an error naming the channels there are. */
function findChannel(index: JournalIndex, wanted: string | undefined): string | undefined {
  if (wanted === undefined) return undefined;
  if (index.channels.has(wanted)) return wanted;
  const lower = wanted.toLowerCase();
  for (const channel of index.channels.values()) if (channel.name.toLowerCase() === lower) return channel.id;
  const names = [...index.channels.values()].map((channel) => channel.name).join(', ');
  throw new ReportError(
    'BadOption',
    `there is no channel "${wanted}" in this journal (channels: ${names || 'none'})`,
  );
}

interface Content {
  readonly text: string;
  readonly attachments: readonly AttachmentRef[];
}

/** The current text and attachments of some messages: the events at their content positions. */
async function contentsOf(
  store: EventStore,
  records: readonly MessageRecord[],
): Promise<Map<number, Content>> {
  const positions = [...new Set(records.map((record) => record.contentPosition))].sort((a, b) => a - b);
  const contents = new Map<number, Content>();
  for (const event of positions.length === 0 ? [] : await store.readPositions(positions)) {
    const reading = readJournalEvent(event.type, event.data);
    if (reading.kind !== 'journal') continue;
    const { data } = reading.event;
    if ('text' in data && 'attachments' in data)
      contents.set(event.position, { text: data.text, attachments: data.attachments });
  }
  return contents;
}

/** Entries from earlier years on the period's days of the year (periods up to a month). */
async function onThisDayBlocks(
  store: EventStore,
  timelines: ReturnType<typeof timelinesOf>,
  zone: TimeZoneDays,
  options: JournalDigestOptions,
  channelName: (id: string) => string,
): Promise<ReportBlock[]> {
  const days = everyDay(options.from, options.to);
  if (days.length > ON_THIS_DAY_DAYS) return [];
  const monthDays = new Set(days.map((day) => day.slice(5)));
  const before = zone.startOf(options.from);
  const found: MessageRecord[] = [];
  let more = 0;
  for (const record of postedBetween(timelines, -8.64e15, before)) {
    if (!monthDays.has(zone.dayOf(record.at).slice(5))) continue;
    found.push(record);
  }
  found.sort((a, b) => a.at - b.at || a.postPosition - b.postPosition);
  if (found.length > ON_THIS_DAY_LIMIT) {
    more = found.length - ON_THIS_DAY_LIMIT;
    found.length = ON_THIS_DAY_LIMIT;
  }
  if (found.length === 0) return [];
  const contents = await contentsOf(store, found);
  return [
    { kind: 'heading', text: 'On this day, in earlier years' },
    {
      kind: 'table',
      columns: ['Day', 'Channel', 'Entry'],
      rows: found.map((record) => [
        zone.dayOf(record.at),
        channelName(record.channel),
        plainExcerpt(contents.get(record.contentPosition)?.text ?? '', 160),
      ]),
    },
    ...(more > 0
      ? [{ kind: 'paragraph', text: `and ${plural(more, 'more entry', 'more entries')}` } as const]
      : []),
  ];
}

/** Plain paragraphs: blank lines split them; single line breaks stay inside one. */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

function localTime(zone: TimeZoneDays, ms: number): string {
  const moment = zone.momentOf(ms);
  // Minutes from local midnight: right in zones whose offset is not whole hours (India, Nepal).
  const minutes = Math.floor((ms - zone.startOf(moment.day)) / 60_000) % 60;
  return `${moment.day} ${String(moment.hour).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function longDay(day: string): string {
  return `${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!}, ${day}`;
}

function everyDay(first: string, last: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${first}T00:00:00Z`); ; time += 86_400_000) {
    const day = new Date(time).toISOString().slice(0, 10);
    if (day > last) return days;
    days.push(day);
  }
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${value === 1 ? one : many}`;
}
