import type { AttachmentRef } from './attachment.js';
import type { MessageOrigin } from './events.js';
import type { JournalId, JournalTime } from './journal-values.js';

/**
 * The decision state: what the decider must know to accept or refuse a command, and nothing more (the
 * read models keep what the views show). It is plain JSON, so a test can compare it and a cache could
 * keep it.
 */

export interface ChannelState {
  readonly channel: JournalId;
  readonly name: string;
  readonly archived: boolean;
}

/** Every channel, and their order (archived ones included). From the stream `journal-channels`. */
export interface ChannelDirectory {
  readonly channels: Readonly<Record<JournalId, ChannelState>>;
  readonly order: readonly JournalId[];
}

/** A conflicting edit, kept until an edit resolves it or it is dismissed. */
export interface EditConflict {
  readonly edit: JournalId;
  readonly baseVersion: number;
  /** The version it lost to. */
  readonly version: number;
  readonly text: string;
  readonly tags: readonly string[];
  readonly attachments: readonly AttachmentRef[];
  readonly at: JournalTime;
}

/** One message. From its stream `message-<id>`. */
export interface MessageState {
  readonly message: JournalId;
  readonly channel: JournalId;
  readonly text: string;
  /** Tags written in the text (normalised). */
  readonly textTags: readonly string[];
  /** Tags added by hand. */
  readonly addedTags: readonly string[];
  readonly attachments: readonly AttachmentRef[];
  readonly replyTo: JournalId | null;
  readonly origin: MessageOrigin | null;
  readonly postedAt: JournalTime;
  /** 1 when posted, one more for each accepted edit. */
  readonly version: number;
  /** Ids of every edit this message has seen (accepted or conflicting): a retried edit is recognised. */
  readonly edits: readonly JournalId[];
  readonly conflicts: readonly EditConflict[];
  readonly deleted: boolean;
  readonly pinned: boolean;
  readonly reactions: readonly string[];
}

/**
 * The journal as the decider sees it. A command handler loads only the part a command needs (see
 * routeOf): the channel directory, and the messages it names; the whole journal has the same shape.
 */
export interface JournalState {
  readonly directory: ChannelDirectory;
  readonly messages: Readonly<Record<JournalId, MessageState>>;
}

export function initialState(): JournalState {
  return { directory: { channels: {}, order: [] }, messages: {} };
}

// Ids are checked against a pattern that lets through names such as "constructor": never read a record
// through its prototype.
export function channelOf(directory: ChannelDirectory, channel: JournalId): ChannelState | undefined {
  return Object.hasOwn(directory.channels, channel) ? directory.channels[channel] : undefined;
}

export function messageOf(state: JournalState, message: JournalId): MessageState | undefined {
  return Object.hasOwn(state.messages, message) ? state.messages[message] : undefined;
}

/** The tags a message has: written in its text, then added by hand. */
export function tagsOf(message: MessageState): string[] {
  return [...new Set([...message.textTags, ...message.addedTags])];
}
