import {
  array,
  boolean,
  integer,
  literal,
  nothing,
  object,
  optional,
  string,
  union,
  type Infer,
  type Schema,
} from '../schema.js';
import { taggedUnion } from '../tagged-union-schema.js';
import { journalCommandSchema } from './commands.js';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_NAME_LENGTH,
  MAX_ATTACHMENTS,
  MAX_MESSAGE_TEXT_LENGTH,
  UPLOAD_CHUNK_BYTES,
} from './limits.js';
import { attachmentRef, calendarDay, journalId, journalTime, timeZone } from './value-schemas.js';
import type { JournalDraft } from './views.js';

/**
 * The argument schemas of the contract's journal requests (shared/contract.ts lists the requests and
 * documents each). Kept here so that the contract stays a table of contents.
 */

const cursor = string({ minLength: 1, maxLength: 200 });
const asOf = optional(journalTime);
const sha256 = string({ minLength: 64, maxLength: 64 });
const importSource = literal('telegram', 'jrnl', 'dayone');
const path = string({ minLength: 1, maxLength: 4096 });
// Base64 of one chunk: 4 characters for every 3 bytes, rounded up.
const chunkData = string({ maxLength: Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 });

/** Where a page of messages starts. */
export const messagePageRequest = taggedUnion('kind', {
  /** The newest messages (the list is anchored at the bottom). */
  latest: object({ kind: literal('latest') }),
  /** The messages before a page's `older` cursor. */
  older: object({ kind: literal('older'), cursor }),
  /** The messages after a page's `newer` cursor. */
  newer: object({ kind: literal('newer'), cursor }),
  /** A page with this message in the middle (jump to a reply's original, a search result, a pin). */
  around: object({ kind: literal('around'), message: journalId }),
  /** A page starting at the first message posted at or after this time (jump to a date). */
  at: object({ kind: literal('at'), time: journalTime }),
});
export type MessagePageRequest = Infer<typeof messagePageRequest>;

const draft: Schema<JournalDraft> = object({
  text: string({ maxLength: MAX_MESSAGE_TEXT_LENGTH * 2 }),
  replyTo: union(journalId, literal(null)),
  attachments: array(attachmentRef, { maxItems: MAX_ATTACHMENTS }),
  editing: union(object({ message: journalId, baseVersion: integer({ min: 1 }) }), literal(null)),
  updated: journalTime,
});

export const journalArgs = {
  status: nothing,
  command: journalCommandSchema,
  channels: object({ asOf, archived: optional(boolean) }),
  messages: object({
    channel: journalId,
    page: messagePageRequest,
    limit: optional(integer({ min: 1, max: 200 })),
    asOf,
  }),
  message: object({ message: journalId, asOf }),
  history: object({ message: journalId }),
  deleted: object({
    channel: optional(journalId),
    next: optional(cursor),
    limit: optional(integer({ min: 1, max: 200 })),
  }),
  pins: object({ channel: journalId, asOf }),
  calendar: object({ from: calendarDay, to: calendarDay, timeZone, channel: optional(journalId), asOf }),
  onThisDay: object({
    day: calendarDay,
    timeZone,
    channel: optional(journalId),
    limit: optional(integer({ min: 1, max: 200 })),
  }),
  statistics: object({
    timeZone,
    from: optional(calendarDay),
    to: optional(calendarDay),
    channel: optional(journalId),
    asOf,
  }),
  tags: object({
    channel: optional(journalId),
    prefix: optional(string({ maxLength: 64 })),
    limit: optional(integer({ min: 1, max: 1000 })),
  }),
  search: object({
    query: string({ minLength: 1, maxLength: 500 }),
    channels: optional(array(journalId, { maxItems: 1000 })),
    tags: optional(array(string({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
    from: optional(journalTime),
    to: optional(journalTime),
    hasAttachment: optional(boolean),
    offset: optional(integer({ min: 0, max: 10_000 })),
    limit: optional(integer({ min: 1, max: 100 })),
  }),
  uploadBegin: object({
    upload: journalId,
    name: string({ minLength: 1, maxLength: MAX_ATTACHMENT_NAME_LENGTH }),
    mediaType: string({ minLength: 3, maxLength: 255 }),
    // Not capped here: an attachment over MAX_ATTACHMENT_BYTES is refused as 'AttachmentTooLarge', saying
    // how large it is and what the limit is, rather than as a bad argument.
    size: integer({ min: 0 }),
  }),
  uploadChunk: object({
    upload: journalId,
    offset: integer({ min: 0, max: MAX_ATTACHMENT_BYTES }),
    data: chunkData,
  }),
  uploadFinish: object({
    upload: journalId,
    width: optional(integer({ min: 1, max: 1_000_000 })),
    height: optional(integer({ min: 1, max: 1_000_000 })),
  }),
  uploadCancel: object({ upload: journalId }),
  attachmentRead: object({
    sha256,
    offset: optional(integer({ min: 0 })),
    length: optional(integer({ min: 1, max: UPLOAD_CHUNK_BYTES })),
  }),
  attachmentUrl: object({
    sha256,
    mediaType: string({ minLength: 3, maxLength: 255 }),
    name: string({ minLength: 1, maxLength: MAX_ATTACHMENT_NAME_LENGTH }),
  }),
  drafts: nothing,
  draftSave: object({ channel: journalId, draft: union(draft, literal(null)) }),
  importChoose: object({ from: importSource }),
  importPreview: object({ path, from: importSource }),
  import: object({
    import: journalId,
    path,
    from: importSource,
    channel: taggedUnion('kind', {
      existing: object({ kind: literal('existing'), channel: journalId }),
      new: object({
        kind: literal('new'),
        channel: journalId,
        name: string({ minLength: 1, maxLength: 100 }),
      }),
    }),
  }),
  importCancel: object({ import: journalId }),
} as const;
