import type { JournalId } from '../../../shared/journal/index.js';
import { ColumnReader, ColumnWriter, type Columns } from './index-columns.js';
import { JournalIndex, type UnreadableEvent } from './journal-index.js';
import type { MessageRecord } from './message-record.js';

/**
 * The journal index as checkpoint text, and back. The text is two lines of JSON: first a preview (the
 * newest messages of each channel, with the channels' counts: what a window shows first), then the whole
 * index. Records are saved by column (see Columns), each channel's in its order, so loading needs no sort.
 * The preview line lets a window's first page be answered before the 100,000 records of a big journal are
 * loaded (see JournalReadModel).
 */
interface IndexFile {
  readonly position: number;
  readonly channels: readonly (readonly [id: string, name: string, archived: 0 | 1, createdAt: number])[];
  readonly order: readonly JournalId[];
  /** Each channel with a timeline, its last activity and how many of the rows are its own. */
  readonly timelines: readonly (readonly [channel: string, lastActivity: number | null, rows: number])[];
  readonly rows: Columns;
  readonly unreadable: { readonly count: number; readonly first: readonly UnreadableEvent[] };
}

interface PreviewFile extends IndexFile {
  /** Each timeline's counts in the whole index (its rows here are only the newest). */
  readonly counts: readonly (readonly [live: number, pinned: number])[];
  /** Messages not deleted, in every channel. */
  readonly live: number;
  /** The messages the preview's rows reply to that are not among them, with their channels. */
  readonly elsewhere: { readonly channels: readonly JournalId[]; readonly rows: Columns };
  /** Reply counts of the preview's messages that have replies. */
  readonly replyCounts: readonly (readonly [message: JournalId, count: number])[];
}

/**
 * Messages not deleted that a preview holds of each channel, the newest, and one more so that the page
 * knows there are older ones: a `latest` page of up to this many messages (the contract's largest page)
 * is the same from the preview as from the whole index.
 */
export const PREVIEW_MESSAGES = 200;

/** `previewMessages` is for tests: a preview smaller than the channels they make. */
export function saveJournalIndex(index: JournalIndex, previewMessages = PREVIEW_MESSAGES): string {
  return `${JSON.stringify(previewFile(index, previewMessages))}\n${JSON.stringify(indexFile(index))}`;
}

/** Throws when the text is not a saved index (the runtime then rebuilds from the log). */
export function loadJournalIndex(text: string): JournalIndex {
  const restoring = restore(wholeFile(text));
  for (let step = restoring.next(); ; step = restoring.next())
    if (step.done === true) return step.value.index;
}

/**
 * Like loadJournalIndex, with a pause every SLICE records: the event loop answers other requests (from
 * the preview) meanwhile, instead of waiting for the whole journal.
 */
export async function loadJournalIndexInSlices(
  text: string,
  pause: () => Promise<void>,
): Promise<JournalIndex> {
  const restoring = restore(wholeFile(text));
  for (let step = restoring.next(); ; step = restoring.next()) {
    if (step.done === true) return step.value.index;
    await pause();
  }
}

/** Records restored between two pauses of a sliced load. */
const SLICE = 10_000;

function wholeFile(text: string): IndexFile {
  const end = text.indexOf('\n');
  if (end === -1) throw new Error('the saved journal index has no preview line');
  return JSON.parse(text.slice(end + 1)) as IndexFile;
}

/**
 * The preview of a saved index: a JournalIndex with the newest PREVIEW_MESSAGES messages of each channel
 * (and the originals they reply to), the channels' counts and reply counts as the whole index has them.
 * Only a `latest` page and the channel list can be answered from it.
 */
export function loadJournalPreview(text: string): JournalIndex {
  const end = text.indexOf('\n');
  if (end === -1) throw new Error('the saved journal index has no preview line');
  const file = JSON.parse(text.slice(0, end)) as PreviewFile;
  if (!isList(file.counts) || !isList(file.replyCounts) || !isList(file.elsewhere?.channels)) {
    throw new Error('the saved journal preview is damaged');
  }
  const restoring = restore(file);
  let step = restoring.next();
  while (step.done !== true) step = restoring.next();
  const { index, channels } = step.value;
  channels.forEach((channel, i) => {
    const [live, pinned] = file.counts[i] ?? [0, 0];
    index.restoreCounts(channel, live, pinned);
  });
  index.live = file.live;
  const elsewhere = new ColumnReader(file.elsewhere.rows);
  file.elsewhere.channels.forEach((channel, row) => index.restoreElsewhere(elsewhere.record(channel, row)));
  for (const [message, count] of file.replyCounts) index.restoreReplyCount(message, count);
  return index;
}

function indexFile(index: JournalIndex): IndexFile {
  const rows = new ColumnWriter();
  const timelines: [string, number | null, number][] = [];
  for (const [channel, timeline] of index.timelineEntries()) {
    const records = timeline.list();
    timelines.push([channel, timeline.lastActivity, records.length]);
    for (const record of records) rows.add(record);
  }
  return { ...directory(index), timelines, rows: rows.columns() };
}

function previewFile(index: JournalIndex, previewMessages: number): PreviewFile {
  const rows = new ColumnWriter();
  const timelines: [string, number | null, number][] = [];
  const counts: [number, number][] = [];
  const held = new Set<JournalId>();
  const shown: MessageRecord[] = [];
  for (const [channel, timeline] of index.timelineEntries()) {
    const records = timeline.list();
    let start = records.length;
    for (let live = 0; start > 0 && live <= previewMessages;) if (!records[--start]!.deleted) live++;
    timelines.push([channel, timeline.lastActivity, records.length - start]);
    counts.push([timeline.live, timeline.pinned]);
    for (const record of records.slice(start)) {
      rows.add(record);
      held.add(record.id);
      shown.push(record);
    }
  }
  const elsewhere = { channels: [] as JournalId[], rows: new ColumnWriter() };
  const replyCounts: [JournalId, number][] = [];
  for (const record of shown) {
    const original = record.replyTo === null ? undefined : index.message(record.replyTo);
    if (original !== undefined && !held.has(original.id)) {
      held.add(original.id);
      elsewhere.channels.push(original.channel);
      elsewhere.rows.add(original);
    }
    const replies = index.replyCount(record.id);
    if (replies > 0) replyCounts.push([record.id, replies]);
  }
  return {
    ...directory(index),
    timelines,
    rows: rows.columns(),
    counts,
    live: index.live,
    elsewhere: { channels: elsewhere.channels, rows: elsewhere.rows.columns() },
    replyCounts,
  };
}

function directory(index: JournalIndex): Omit<IndexFile, 'timelines' | 'rows'> {
  return {
    position: index.position,
    channels: [...index.channels.values()].map((channel) => [
      channel.id,
      channel.name,
      channel.archived ? 1 : 0,
      channel.createdAt,
    ]),
    order: index.order,
    unreadable: index.unreadable,
  };
}

/**
 * The index a file describes, and its timelines' channels in the file's order; yields every SLICE records
 * (a caller that does not pause just goes on).
 */
function* restore(file: IndexFile): Generator<void, { index: JournalIndex; channels: JournalId[] }> {
  if (!isList(file.timelines) || !isList(file.channels) || !isList(file.order)) {
    throw new Error('the saved journal index has no channels or timelines');
  }
  const rows = new ColumnReader(file.rows);
  const index = new JournalIndex();
  index.position = file.position;
  for (const [id, name, archived, createdAt] of file.channels) {
    index.channels.set(id, { id, name, archived: archived === 1, createdAt });
  }
  index.order = [...file.order];
  const channels: JournalId[] = [];
  let row = 0;
  for (const [channel, lastActivity, count] of file.timelines) {
    const end = row + count;
    if (!Number.isSafeInteger(count) || count < 0 || end > rows.size) {
      throw new Error(`the saved timeline of ${channel} has more rows than the file`);
    }
    for (; row < end; row++) {
      index.restoreRecord(rows.record(channel, row));
      if (row % SLICE === SLICE - 1) yield;
    }
    index.restoreActivity(channel, lastActivity);
    channels.push(channel);
  }
  if (row !== rows.size) throw new Error('the saved journal index has rows of no channel');
  index.unreadable.count = file.unreadable.count;
  index.unreadable.first.push(...file.unreadable.first);
  return { index, channels };
}

function isList(value: unknown): boolean {
  return Array.isArray(value);
}
