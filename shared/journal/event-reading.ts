import { array, integer, literal, object, string, union, SchemaError, type Schema } from '../schema.js';
import { taggedUnion } from '../tagged-union-schema.js';
import {
  JOURNAL_EVENT_TYPES,
  JOURNAL_EVENT_VERSION,
  type JournalEvent,
  type JournalEventType,
  type MessageOrigin,
} from './events.js';
import { attachmentRef, journalId, journalTime } from './value-schemas.js';

/**
 * Reading the journal's events back from the folder. Anyone may append to a folder (the CLI's `append`,
 * a script, a sync tool), so a journal event is checked before it is folded: an event of a journal type
 * that does not have the shape of its version is skipped by every journal reader (the decider's loader and
 * the read models alike, so they never disagree) and reported with its reason.
 */
export type JournalEventReading =
  | { readonly kind: 'journal'; readonly event: JournalEvent }
  /** Not a journal event type: someone else's event in the same folder. */
  | { readonly kind: 'other' }
  | { readonly kind: 'unreadable'; readonly reason: string };

const v = literal(JOURNAL_EVENT_VERSION);
const at = journalTime;
const text = string();
const tags = array(string({ minLength: 1, maxLength: 256 }));
const attachments = array(attachmentRef);
const origin: Schema<MessageOrigin | null> = union(
  object({ app: string({ minLength: 1 }), id: string({ minLength: 1 }) }),
  literal(null),
);
const about = { v, message: journalId, channel: journalId, at };

const dataSchemas = {
  ChannelCreated: object({ v, channel: journalId, name: string({ minLength: 1 }), at }),
  ChannelRenamed: object({ v, channel: journalId, name: string({ minLength: 1 }), previous: string(), at }),
  ChannelArchived: object({ v, channel: journalId, at }),
  ChannelUnarchived: object({ v, channel: journalId, at }),
  ChannelsReordered: object({ v, order: array(journalId), at }),
  MessagePosted: object({
    ...about,
    text,
    tags,
    attachments,
    replyTo: union(journalId, literal(null)),
    origin,
  }),
  MessageEdited: object({
    ...about,
    text,
    tags,
    attachments,
    edit: journalId,
    version: integer({ min: 2 }),
    baseVersion: integer({ min: 1 }),
    resolves: array(journalId),
  }),
  MessageEditConflicted: object({
    ...about,
    text,
    tags,
    attachments,
    edit: journalId,
    baseVersion: integer({ min: 1 }),
    version: integer({ min: 1 }),
  }),
  MessageEditConflictDismissed: object({ ...about, edit: journalId }),
  MessageDeleted: object(about),
  MessageRestored: object(about),
  MessagePinned: object(about),
  MessageUnpinned: object(about),
  ReactionAdded: object({ ...about, emoji: string({ minLength: 1 }) }),
  ReactionRemoved: object({ ...about, emoji: string({ minLength: 1 }) }),
  TagAdded: object({ ...about, tag: string({ minLength: 1 }) }),
  TagRemoved: object({ ...about, tag: string({ minLength: 1 }) }),
} satisfies Record<JournalEventType, Schema<object>>;

function isJournalEventType(type: string): type is JournalEventType {
  return (JOURNAL_EVENT_TYPES as readonly string[]).includes(type);
}

/** A stored event (its type and data) as a journal event, someone else's event, or an unreadable one. */
export function readJournalEvent(type: string, data: unknown): JournalEventReading {
  if (!isJournalEventType(type)) return { kind: 'other' };
  const version = typeof data === 'object' && data !== null ? (data as { v?: unknown }).v : undefined;
  if (version !== JOURNAL_EVENT_VERSION) {
    return {
      kind: 'unreadable',
      reason: `${type} has version ${JSON.stringify(version ?? null)}; this Eventfold reads version ${JOURNAL_EVENT_VERSION}`,
    };
  }
  try {
    const parsed: unknown = dataSchemas[type].parse(data, ['data']);
    return { kind: 'journal', event: { type, data: parsed } as JournalEvent };
  } catch (error) {
    if (error instanceof SchemaError) return { kind: 'unreadable', reason: `${type}: ${error.message}` };
    throw error;
  }
}

/** Every journal event as the schema of its type: for tests that check what the decider emits. */
export const journalEventSchema: Schema<JournalEvent> = taggedUnion(
  'type',
  Object.fromEntries(
    JOURNAL_EVENT_TYPES.map((type) => [type, object({ type: literal(type), data: dataSchemas[type] })]),
  ) as Record<JournalEventType, Schema<JournalEvent>>,
);
