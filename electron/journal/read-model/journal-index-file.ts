import type { JournalId } from '../../../shared/journal/index.js';
import { JournalIndex, type UnreadableEvent } from './journal-index.js';
import { NONE, type MessageRecord, type OpenConflict } from './message-record.js';

/**
 * The journal index as checkpoint text, and back. The records are laid out by column (one list a field,
 * every channel's records one after the other in the channel's order), with the fields most messages
 * leave empty (reactions, tags, replies, conflicts) kept only for the rows that have them. Loading 100,000
 * messages then parses a handful of long number lists instead of 100,000 small arrays and four empty lists
 * each: what made opening a big journal slow was the parse and the garbage of that, not the records.
 */
interface IndexFile {
  readonly position: number;
  readonly channels: readonly (readonly [id: string, name: string, archived: 0 | 1, createdAt: number])[];
  readonly order: readonly JournalId[];
  /** Each channel with a timeline, its last activity and how many of the rows below are its own. */
  readonly timelines: readonly (readonly [channel: string, lastActivity: number | null, rows: number])[];
  readonly rows: Columns;
  readonly unreadable: { readonly count: number; readonly first: readonly UnreadableEvent[] };
}

/** One entry a row, in row order. */
interface Columns {
  readonly id: readonly string[];
  readonly at: readonly number[];
  readonly postPosition: readonly number[];
  /** Minus postPosition: 0 for a message never edited, so the list is mostly one digit a row. */
  readonly contentOffset: readonly number[];
  readonly version: readonly number[];
  readonly editedAt: readonly (number | null)[];
  /** '1' for a deleted message, '0' otherwise, one character a row. */
  readonly deleted: string;
  readonly deletedAt: readonly (number | null)[];
  readonly pinned: string;
  readonly attachments: readonly number[];
  readonly words: readonly number[];
  /** The rows that have any, as [row, value]. */
  readonly reactions: readonly (readonly [row: number, items: readonly string[]])[];
  readonly textTags: readonly (readonly [row: number, items: readonly string[]])[];
  readonly addedTags: readonly (readonly [row: number, items: readonly string[]])[];
  readonly replyTo: readonly (readonly [row: number, original: string])[];
  readonly conflicts: readonly (readonly [row: number, conflicts: readonly (readonly [string, number])[]])[];
}

export function saveJournalIndex(index: JournalIndex): string {
  const columns = {
    id: [] as string[],
    at: [] as number[],
    postPosition: [] as number[],
    contentOffset: [] as number[],
    version: [] as number[],
    editedAt: [] as (number | null)[],
    deleted: [] as string[],
    deletedAt: [] as (number | null)[],
    pinned: [] as string[],
    attachments: [] as number[],
    words: [] as number[],
    reactions: [] as [number, readonly string[]][],
    textTags: [] as [number, readonly string[]][],
    addedTags: [] as [number, readonly string[]][],
    replyTo: [] as [number, string][],
    conflicts: [] as [number, [string, number][]][],
  };
  const timelines: [string, number | null, number][] = [];
  for (const [channel, timeline] of index.timelineEntries()) {
    const records = timeline.list();
    timelines.push([channel, timeline.lastActivity, records.length]);
    for (const record of records) {
      const row = columns.id.length;
      columns.id.push(record.id);
      columns.at.push(record.at);
      columns.postPosition.push(record.postPosition);
      columns.contentOffset.push(record.contentPosition - record.postPosition);
      columns.version.push(record.version);
      columns.editedAt.push(record.editedAt);
      columns.deleted.push(record.deleted ? '1' : '0');
      columns.deletedAt.push(record.deletedAt);
      columns.pinned.push(record.pinned ? '1' : '0');
      columns.attachments.push(record.attachments);
      columns.words.push(record.words);
      if (record.reactions.length > 0) columns.reactions.push([row, record.reactions]);
      if (record.textTags.length > 0) columns.textTags.push([row, record.textTags]);
      if (record.addedTags.length > 0) columns.addedTags.push([row, record.addedTags]);
      if (record.replyTo !== null) columns.replyTo.push([row, record.replyTo]);
      if (record.conflicts.length > 0) {
        columns.conflicts.push([row, record.conflicts.map((conflict) => [conflict.edit, conflict.position])]);
      }
    }
  }
  const file: IndexFile = {
    position: index.position,
    channels: [...index.channels.values()].map((channel) => [
      channel.id,
      channel.name,
      channel.archived ? 1 : 0,
      channel.createdAt,
    ]),
    order: index.order,
    timelines,
    rows: { ...columns, deleted: columns.deleted.join(''), pinned: columns.pinned.join('') },
    unreadable: index.unreadable,
  };
  return JSON.stringify(file);
}

/** Throws when the text is not a saved index (the runtime then rebuilds from the log). */
export function loadJournalIndex(text: string): JournalIndex {
  const file = JSON.parse(text) as IndexFile;
  if (!isList(file.timelines) || !isList(file.channels) || !isList(file.order) || !isColumns(file.rows)) {
    throw new Error('the saved journal index has no channels, timelines or rows');
  }
  const index = new JournalIndex();
  index.position = file.position;
  for (const [id, name, archived, createdAt] of file.channels) {
    index.channels.set(id, { id, name, archived: archived === 1, createdAt });
  }
  index.order = [...file.order];
  const rows = file.rows;
  const sparse = {
    reactions: byRow(rows.reactions),
    textTags: byRow(rows.textTags),
    addedTags: byRow(rows.addedTags),
    replyTo: byRow(rows.replyTo),
    conflicts: byRow(rows.conflicts),
  };
  let row = 0;
  for (const [channel, lastActivity, count] of file.timelines) {
    const end = row + count;
    if (!Number.isSafeInteger(count) || count < 0 || end > rows.id.length) {
      throw new Error(`the saved timeline of ${channel} has more rows than the file`);
    }
    for (; row < end; row++) index.restoreRecord(recordOf(channel, rows, sparse, row));
    index.restoreActivity(channel, lastActivity);
  }
  if (row !== rows.id.length) throw new Error('the saved journal index has rows of no channel');
  index.unreadable.count = file.unreadable.count;
  index.unreadable.first.push(...file.unreadable.first);
  return index;
}

interface SparseColumns {
  readonly reactions: ReadonlyMap<number, readonly string[]>;
  readonly textTags: ReadonlyMap<number, readonly string[]>;
  readonly addedTags: ReadonlyMap<number, readonly string[]>;
  readonly replyTo: ReadonlyMap<number, string>;
  readonly conflicts: ReadonlyMap<number, readonly (readonly [string, number])[]>;
}

function recordOf(channel: JournalId, rows: Columns, sparse: SparseColumns, row: number): MessageRecord {
  const id = rows.id[row];
  const at = rows.at[row]!;
  const postPosition = rows.postPosition[row]!;
  if (typeof id !== 'string' || !Number.isFinite(at) || !Number.isSafeInteger(postPosition)) {
    throw new Error('a saved message record is damaged');
  }
  const conflicts = sparse.conflicts.get(row);
  return {
    id,
    channel,
    at,
    postPosition,
    contentPosition: postPosition + rows.contentOffset[row]!,
    version: rows.version[row]!,
    editedAt: rows.editedAt[row] ?? null,
    deleted: rows.deleted.charCodeAt(row) === ONE,
    deletedAt: rows.deletedAt[row] ?? null,
    pinned: rows.pinned.charCodeAt(row) === ONE,
    reactions: sparse.reactions.get(row) ?? NONE,
    textTags: sparse.textTags.get(row) ?? NONE,
    addedTags: sparse.addedTags.get(row) ?? NONE,
    attachments: rows.attachments[row]!,
    words: rows.words[row]!,
    replyTo: sparse.replyTo.get(row) ?? null,
    conflicts:
      conflicts === undefined
        ? NONE
        : conflicts.map(([edit, position]): OpenConflict => ({ edit, position })),
  };
}

const ONE = '1'.charCodeAt(0);

function byRow<T>(entries: readonly (readonly [number, T])[]): Map<number, T> {
  if (!isList(entries)) throw new Error('a saved column of the journal index is damaged');
  return new Map(entries);
}

function isColumns(value: unknown): value is Columns {
  if (typeof value !== 'object' || value === null) return false;
  const rows = value as Partial<Record<keyof Columns, unknown>>;
  const count = Array.isArray(rows.id) ? rows.id.length : -1;
  const full = [
    'at',
    'postPosition',
    'contentOffset',
    'version',
    'editedAt',
    'deletedAt',
    'attachments',
    'words',
  ];
  return (
    count >= 0 &&
    full.every(
      (name) =>
        isList(rows[name as keyof Columns]) && (rows[name as keyof Columns] as unknown[]).length === count,
    ) &&
    typeof rows.deleted === 'string' &&
    rows.deleted.length === count &&
    typeof rows.pinned === 'string' &&
    rows.pinned.length === count
  );
}

function isList(value: unknown): boolean {
  return Array.isArray(value);
}
