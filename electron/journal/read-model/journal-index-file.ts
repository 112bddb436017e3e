import type { JournalId } from '../../../shared/journal/index.js';
import { JournalIndex, type UnreadableEvent } from './journal-index.js';
import { NONE, type MessageRecord, type OpenConflict } from './message-record.js';

/**
 * The journal index as checkpoint text, and back. Records are arrays rather than objects (a tenth of the
 * bytes for 100,000 messages), written in each channel's order so loading needs no sort.
 */
type RecordRow = [
  id: string,
  at: number,
  postPosition: number,
  contentPosition: number,
  version: number,
  editedAt: number | null,
  deleted: 0 | 1,
  deletedAt: number | null,
  pinned: 0 | 1,
  reactions: readonly string[],
  textTags: readonly string[],
  addedTags: readonly string[],
  attachments: number,
  words: number,
  replyTo: string | null,
  conflicts: readonly (readonly [edit: string, position: number])[],
];

interface IndexFile {
  readonly position: number;
  readonly channels: readonly (readonly [id: string, name: string, archived: 0 | 1, createdAt: number])[];
  readonly order: readonly JournalId[];
  readonly timelines: readonly (readonly [
    channel: string,
    lastActivity: number | null,
    rows: readonly RecordRow[],
  ])[];
  readonly unreadable: { readonly count: number; readonly first: readonly UnreadableEvent[] };
}

export function saveJournalIndex(index: JournalIndex): string {
  const file: IndexFile = {
    position: index.position,
    channels: [...index.channels.values()].map((channel) => [
      channel.id,
      channel.name,
      channel.archived ? 1 : 0,
      channel.createdAt,
    ]),
    order: index.order,
    timelines: [...index.timelineEntries()].map(([channel, timeline]) => [
      channel,
      timeline.lastActivity,
      timeline.list().map(rowOf),
    ]),
    unreadable: index.unreadable,
  };
  return JSON.stringify(file);
}

/** Throws when the text is not a saved index (the runtime then rebuilds from the log). */
export function loadJournalIndex(text: string): JournalIndex {
  const file = JSON.parse(text) as IndexFile;
  if (!isList(file.timelines) || !isList(file.channels) || !isList(file.order)) {
    throw new Error('the saved journal index has no channels or timelines');
  }
  const index = new JournalIndex();
  index.position = file.position;
  for (const [id, name, archived, createdAt] of file.channels) {
    index.channels.set(id, { id, name, archived: archived === 1, createdAt });
  }
  index.order = [...file.order];
  for (const [channel, lastActivity, rows] of file.timelines) {
    for (const row of rows) index.restoreRecord(recordOf(channel, row));
    index.restoreActivity(channel, lastActivity);
  }
  index.unreadable.count = file.unreadable.count;
  index.unreadable.first.push(...file.unreadable.first);
  return index;
}

function rowOf(record: MessageRecord): RecordRow {
  return [
    record.id,
    record.at,
    record.postPosition,
    record.contentPosition,
    record.version,
    record.editedAt,
    record.deleted ? 1 : 0,
    record.deletedAt,
    record.pinned ? 1 : 0,
    record.reactions,
    record.textTags,
    record.addedTags,
    record.attachments,
    record.words,
    record.replyTo,
    record.conflicts.map((conflict) => [conflict.edit, conflict.position] as const),
  ];
}

function recordOf(channel: JournalId, row: RecordRow): MessageRecord {
  const [id, at, postPosition, contentPosition, version, editedAt, deleted, deletedAt, pinned] = row;
  const [, , , , , , , , , reactions, textTags, addedTags, attachments, words, replyTo, conflicts] = row;
  if (typeof id !== 'string' || !Number.isFinite(at) || !Number.isSafeInteger(postPosition)) {
    throw new Error('a saved message record is damaged');
  }
  return {
    id,
    channel,
    at,
    postPosition,
    contentPosition,
    version,
    editedAt,
    deleted: deleted === 1,
    deletedAt,
    pinned: pinned === 1,
    reactions: list(reactions),
    textTags: list(textTags),
    addedTags: list(addedTags),
    attachments,
    words,
    replyTo,
    conflicts:
      conflicts.length === 0 ? NONE : conflicts.map(([edit, position]): OpenConflict => ({ edit, position })),
  };
}

function isList(value: unknown): boolean {
  return Array.isArray(value);
}

function list(items: readonly string[]): readonly string[] {
  return items.length === 0 ? NONE : items;
}
