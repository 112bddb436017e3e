import type { RecordedEvent } from '../../../shared/event.js';
import {
  readJournalEvent,
  type AttachmentRef,
  type EditConflict,
  type JournalEvent,
  type MessageOrigin,
  type MessagePreview,
  type MessageView,
  type ReplyPreview,
} from '../../../shared/journal/index.js';
import type { JournalIndex } from '../read-model/journal-index.js';
import { tagsOfRecord, type MessageRecord } from '../read-model/message-record.js';
import { plainExcerpt } from './plain-excerpt.js';

/** What the views read from the log: the events at some positions (the store's readPositions). */
export interface EventReader {
  readPositions(positions: readonly number[]): Promise<RecordedEvent[]>;
}

interface Content {
  readonly text: string;
  readonly tags: readonly string[];
  readonly attachments: readonly AttachmentRef[];
}

const UNREADABLE: Content = { text: '', tags: [], attachments: [] };

/** The journal events at some positions, read in one go. */
export class EventsAt {
  private constructor(private readonly events: ReadonlyMap<number, JournalEvent>) {}

  static async read(reader: EventReader, positions: Iterable<number>): Promise<EventsAt> {
    const wanted = [...new Set(positions)].sort((a, b) => a - b);
    const recorded = wanted.length === 0 ? [] : await reader.readPositions(wanted);
    const events = new Map<number, JournalEvent>();
    for (const event of recorded) {
      const reading = readJournalEvent(event.type, event.data);
      if (reading.kind === 'journal') events.set(event.position, reading.event);
    }
    return new EventsAt(events);
  }

  get(position: number): JournalEvent | undefined {
    return this.events.get(position);
  }

  /** The content a post or an accepted edit carries (empty if the line could not be read). */
  content(position: number): Content {
    const event = this.events.get(position);
    if (event?.type === 'MessagePosted' || event?.type === 'MessageEdited') {
      const { text, tags, attachments } = event.data;
      return { text, tags, attachments };
    }
    return UNREADABLE;
  }
}

/** The positions a view of these messages reads: content, post, open conflicts, replies' originals. */
export function positionsForViews(index: JournalIndex, records: readonly MessageRecord[]): number[] {
  const positions: number[] = [];
  for (const record of records) {
    positions.push(record.contentPosition, record.postPosition);
    for (const conflict of record.conflicts) positions.push(conflict.position);
    const original = record.replyTo === null ? undefined : index.message(record.replyTo);
    if (original !== undefined) positions.push(original.contentPosition);
  }
  return positions;
}

/** Messages as the chat view shows them, reading their texts from the log in one batch. */
export async function messageViews(
  index: JournalIndex,
  reader: EventReader,
  records: readonly MessageRecord[],
): Promise<MessageView[]> {
  const events = await EventsAt.read(reader, positionsForViews(index, records));
  return records.map((record) => messageView(index, events, record));
}

export function messageView(index: JournalIndex, events: EventsAt, record: MessageRecord): MessageView {
  const content = events.content(record.contentPosition);
  const post = events.get(record.postPosition);
  const origin: MessageOrigin | null = post?.type === 'MessagePosted' ? post.data.origin : null;
  const replies = index.replyCount(record.id);
  return {
    message: record.id,
    channel: record.channel,
    position: record.postPosition,
    text: content.text,
    tags: tagsOfRecord(record),
    addedTags: [...record.addedTags],
    attachments: content.attachments,
    replyTo: record.replyTo === null ? null : replyPreview(index, events, record.replyTo),
    origin,
    at: iso(record.at),
    editedAt: record.editedAt === null ? null : iso(record.editedAt),
    version: record.version,
    pinned: record.pinned,
    reactions: [...record.reactions],
    conflicts: record.conflicts.flatMap((conflict): EditConflict[] => {
      const event = events.get(conflict.position);
      if (event?.type !== 'MessageEditConflicted') return [];
      const { edit, baseVersion, version, text, tags, attachments, at } = event.data;
      return [{ edit, baseVersion, version, text, tags, attachments, at }];
    }),
    deleted: record.deleted,
    deletedAt: record.deletedAt === null ? null : iso(record.deletedAt),
    ...(replies > 0 ? { replies } : {}),
  };
}

function replyPreview(index: JournalIndex, events: EventsAt, original: string): ReplyPreview {
  const record = index.message(original);
  if (record === undefined) return { message: original, exists: false, deleted: false };
  return { ...preview(events, record), exists: true, deleted: record.deleted };
}

/** A line about a message: the start of its text, its attachments and when it was posted. */
export function preview(events: EventsAt, record: MessageRecord): MessagePreview {
  const content = events.content(record.contentPosition);
  return {
    message: record.id,
    excerpt: plainExcerpt(content.text),
    attachments: content.attachments.length,
    at: iso(record.at),
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
