import { array, integer, literal, object, optional, string, type Schema } from '../schema.js';
import { taggedUnion } from '../tagged-union-schema.js';
import type { AttachmentRef } from './attachment.js';
import type { MessageOrigin } from './events.js';
import type { JournalId, JournalTime } from './journal-values.js';
import { attachmentFields, journalId, journalTime } from './value-schemas.js';

/**
 * What a person (or an import) asks the journal to do. Ids and the time come in the command, made by
 * whoever issues it, never by a clock or a random generator inside the decider: so deciding is a pure
 * function, a retried command is recognised by its ids, and an import keeps the original times.
 */
interface Command<T extends string> {
  readonly type: T;
  /** When the user acted (or the imported entry's own time). */
  readonly at: JournalTime;
}

export interface CreateChannel extends Command<'CreateChannel'> {
  readonly channel: JournalId;
  /** 1 to 100 characters after trimming; unique among all channels, ignoring case. */
  readonly name: string;
}
export interface RenameChannel extends Command<'RenameChannel'> {
  readonly channel: JournalId;
  readonly name: string;
}
export interface ArchiveChannel extends Command<'ArchiveChannel'> {
  readonly channel: JournalId;
}
export interface UnarchiveChannel extends Command<'UnarchiveChannel'> {
  readonly channel: JournalId;
}
/** Puts these channels first, in this order; channels not listed follow in their current order. */
export interface ReorderChannels extends Command<'ReorderChannels'> {
  readonly order: readonly JournalId[];
}

export interface PostMessage extends Command<'PostMessage'> {
  /** The new message's id (a UUID from the app; an id derived from the source for imports). */
  readonly message: JournalId;
  readonly channel: JournalId;
  /** Markdown, as typed. May be blank only when there are attachments. */
  readonly text: string;
  /** Already stored in the folder (the Node side writes the bytes before it issues the command). */
  readonly attachments?: readonly AttachmentRef[];
  /** A message of the same channel this one answers. */
  readonly replyTo?: JournalId;
  readonly origin?: MessageOrigin;
}

/**
 * Replaces a message's text (and its attachments, when given). `baseVersion` is the version the editor
 * started from: if the message changed since, the edit is kept as a conflict (MessageEditConflicted)
 * instead of overwriting the other change.
 */
export interface EditMessage extends Command<'EditMessage'> {
  readonly message: JournalId;
  /** This edit's id: a retried edit with the same id changes nothing. */
  readonly edit: JournalId;
  readonly baseVersion: number;
  readonly text: string;
  /** The attachments after the edit; left out, they stay as they are. */
  readonly attachments?: readonly AttachmentRef[];
  /** Conflicting edits (by edit id) this edit settles. */
  readonly resolves?: readonly JournalId[];
}
/** Keeps the message as it is and sets a conflicting edit aside. */
export interface DismissEditConflict extends Command<'DismissEditConflict'> {
  readonly message: JournalId;
  readonly edit: JournalId;
}
export interface DeleteMessage extends Command<'DeleteMessage'> {
  readonly message: JournalId;
}
export interface RestoreMessage extends Command<'RestoreMessage'> {
  readonly message: JournalId;
}
export interface PinMessage extends Command<'PinMessage'> {
  readonly message: JournalId;
}
export interface UnpinMessage extends Command<'UnpinMessage'> {
  readonly message: JournalId;
}
export interface AddReaction extends Command<'AddReaction'> {
  readonly message: JournalId;
  /** One emoji (see emoji.ts), stored as given. */
  readonly emoji: string;
}
export interface RemoveReaction extends Command<'RemoveReaction'> {
  readonly message: JournalId;
  readonly emoji: string;
}
/** Adds a tag by hand (`work` or `#work`; stored normalised, see tags.ts). */
export interface AddTag extends Command<'AddTag'> {
  readonly message: JournalId;
  readonly tag: string;
}
export interface RemoveTag extends Command<'RemoveTag'> {
  readonly message: JournalId;
  readonly tag: string;
}

export type ChannelCommand =
  CreateChannel | RenameChannel | ArchiveChannel | UnarchiveChannel | ReorderChannels;

export type MessageCommand =
  | PostMessage
  | EditMessage
  | DismissEditConflict
  | DeleteMessage
  | RestoreMessage
  | PinMessage
  | UnpinMessage
  | AddReaction
  | RemoveReaction
  | AddTag
  | RemoveTag;

export type JournalCommand = ChannelCommand | MessageCommand;
export type JournalCommandType = JournalCommand['type'];

// ---- Schemas: the same commands checked at a trust boundary (IPC, the CLI, an import file) -------------
// Length limits here only bound the argument's size; the decider refuses over-long texts and names with
// the journal's own limits and a message that says what to do (see limits.ts).

const at = journalTime;
const message = journalId;
const name = string({ maxLength: 10_000 });
const text = string({ maxLength: 1_000_000 });
const attachments = optional(array(attachmentFields, { maxItems: 1000 }));

const origin: Schema<MessageOrigin> = object({
  app: string({ minLength: 1, maxLength: 32 }),
  id: string({ minLength: 1, maxLength: 256 }),
});

const createChannel: Schema<CreateChannel> = object({
  type: literal('CreateChannel'),
  channel: journalId,
  name,
  at,
});
const renameChannel: Schema<RenameChannel> = object({
  type: literal('RenameChannel'),
  channel: journalId,
  name,
  at,
});
const archiveChannel: Schema<ArchiveChannel> = object({
  type: literal('ArchiveChannel'),
  channel: journalId,
  at,
});
const unarchiveChannel: Schema<UnarchiveChannel> = object({
  type: literal('UnarchiveChannel'),
  channel: journalId,
  at,
});
const reorderChannels: Schema<ReorderChannels> = object({
  type: literal('ReorderChannels'),
  order: array(journalId, { maxItems: 10_000 }),
  at,
});
const postMessage: Schema<PostMessage> = object({
  type: literal('PostMessage'),
  message,
  channel: journalId,
  text,
  attachments,
  replyTo: optional(journalId),
  origin: optional(origin),
  at,
});
const editMessage: Schema<EditMessage> = object({
  type: literal('EditMessage'),
  message,
  edit: journalId,
  baseVersion: integer({ min: 1 }),
  text,
  attachments,
  resolves: optional(array(journalId, { maxItems: 1000 })),
  at,
});
const dismissEditConflict: Schema<DismissEditConflict> = object({
  type: literal('DismissEditConflict'),
  message,
  edit: journalId,
  at,
});
const onMessage = <T extends 'DeleteMessage' | 'RestoreMessage' | 'PinMessage' | 'UnpinMessage'>(
  type: T,
): Schema<Command<T> & { readonly message: JournalId }> => object({ type: literal(type), message, at });
const emoji = string({ maxLength: 256 });
const tag = string({ maxLength: 1000 });

/** Any journal command, told apart by `type`; an error names the bad field of that command. */
export const journalCommandSchema: Schema<JournalCommand> = taggedUnion('type', {
  CreateChannel: createChannel,
  RenameChannel: renameChannel,
  ArchiveChannel: archiveChannel,
  UnarchiveChannel: unarchiveChannel,
  ReorderChannels: reorderChannels,
  PostMessage: postMessage,
  EditMessage: editMessage,
  DismissEditConflict: dismissEditConflict,
  DeleteMessage: onMessage('DeleteMessage'),
  RestoreMessage: onMessage('RestoreMessage'),
  PinMessage: onMessage('PinMessage'),
  UnpinMessage: onMessage('UnpinMessage'),
  AddReaction: object({ type: literal('AddReaction'), message, emoji, at }),
  RemoveReaction: object({ type: literal('RemoveReaction'), message, emoji, at }),
  AddTag: object({ type: literal('AddTag'), message, tag, at }),
  RemoveTag: object({ type: literal('RemoveTag'), message, tag, at }),
});
