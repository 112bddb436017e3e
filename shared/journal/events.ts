import type { AttachmentRef } from './attachment.js';
import type { JournalId, JournalTime } from './journal-values.js';

/**
 * The journal's events, as they are stored: `type` is the event's type in the folder and `data` its data.
 * Every `data` carries `v` (the version of that event's shape: readers skip, and report, a version they do
 * not know) and `at` (when it happened, taken from the command: the time the user acted, or the original
 * time of an imported entry; the line's own `time` is when it was appended). Message events carry both the
 * message's and its channel's id, so that a jq reader never has to join streams.
 * docs/JOURNAL.md shows every type with an example line.
 */
export const JOURNAL_EVENT_VERSION = 1;

interface Stamped {
  readonly v: typeof JOURNAL_EVENT_VERSION;
  readonly at: JournalTime;
}

interface About extends Stamped {
  readonly message: JournalId;
  readonly channel: JournalId;
}

/** Where an imported message came from: the tool and its own id for the entry (imports are idempotent by it). */
export interface MessageOrigin {
  /** `telegram`, `jrnl`, `dayone`, or another tool's short name. */
  readonly app: string;
  /** The entry's id in that tool's export (Telegram's message id, Day One's uuid, jrnl's date and title). */
  readonly id: string;
}

// ---- The channel directory (stream `journal-channels`) --------------------------------------------------

export interface ChannelCreated {
  readonly type: 'ChannelCreated';
  readonly data: Stamped & { readonly channel: JournalId; readonly name: string };
}
export interface ChannelRenamed {
  readonly type: 'ChannelRenamed';
  readonly data: Stamped & { readonly channel: JournalId; readonly name: string; readonly previous: string };
}
export interface ChannelArchived {
  readonly type: 'ChannelArchived';
  readonly data: Stamped & { readonly channel: JournalId };
}
export interface ChannelUnarchived {
  readonly type: 'ChannelUnarchived';
  readonly data: Stamped & { readonly channel: JournalId };
}
/** The whole order of the channels after the change (archived ones included), first to last. */
export interface ChannelsReordered {
  readonly type: 'ChannelsReordered';
  readonly data: Stamped & { readonly order: readonly JournalId[] };
}

export type ChannelEvent =
  ChannelCreated | ChannelRenamed | ChannelArchived | ChannelUnarchived | ChannelsReordered;

// ---- One message (stream `message-<id>`) -----------------------------------------------------------------

/** The content of a version of a message: its text, the tags found in the text, and its attachments. */
interface Content {
  /** The text exactly as typed (Markdown). May be empty when there are attachments. */
  readonly text: string;
  /** Tags written in the text (see tags.ts), normalised; tags added by hand come as TagAdded. */
  readonly tags: readonly string[];
  readonly attachments: readonly AttachmentRef[];
}

export interface MessagePosted {
  readonly type: 'MessagePosted';
  readonly data: About &
    Content & {
      /** The message this one replies to (in the same channel), or null. */
      readonly replyTo: JournalId | null;
      /** Set for imported entries; null for messages written in Eventfold. */
      readonly origin: MessageOrigin | null;
    };
}

/**
 * The message's content is replaced. `version` is the new version (the post is version 1, each accepted
 * edit adds one); `baseVersion` is the version the editor was showing, which is `version - 1` for every
 * accepted edit.
 */
export interface MessageEdited {
  readonly type: 'MessageEdited';
  readonly data: About &
    Content & {
      /** The id of this edit, from the command (a retried edit is recognised by it). */
      readonly edit: JournalId;
      readonly version: number;
      readonly baseVersion: number;
      /** Conflicts (by their edit id) this edit settles: the user chose this text over them. */
      readonly resolves: readonly JournalId[];
    };
}

/**
 * An edit that lost a race: it was based on `baseVersion`, but the message had meanwhile been edited to
 * `version`. Nothing typed is lost: the text is kept here, the message keeps its current content, and
 * every reader shows the conflict until an edit resolves it or it is dismissed.
 */
export interface MessageEditConflicted {
  readonly type: 'MessageEditConflicted';
  readonly data: About &
    Content & {
      readonly edit: JournalId;
      readonly baseVersion: number;
      /** The message's version when the losing edit arrived. */
      readonly version: number;
    };
}

/** The user kept the message as it is and set a conflicting edit aside (it stays in the log). */
export interface MessageEditConflictDismissed {
  readonly type: 'MessageEditConflictDismissed';
  readonly data: About & { readonly edit: JournalId };
}

export interface MessageDeleted {
  readonly type: 'MessageDeleted';
  readonly data: About;
}
export interface MessageRestored {
  readonly type: 'MessageRestored';
  readonly data: About;
}
export interface MessagePinned {
  readonly type: 'MessagePinned';
  readonly data: About;
}
export interface MessageUnpinned {
  readonly type: 'MessageUnpinned';
  readonly data: About;
}
export interface ReactionAdded {
  readonly type: 'ReactionAdded';
  readonly data: About & { readonly emoji: string };
}
export interface ReactionRemoved {
  readonly type: 'ReactionRemoved';
  readonly data: About & { readonly emoji: string };
}
/** A tag added by hand (not written in the text), normalised, without `#`. */
export interface TagAdded {
  readonly type: 'TagAdded';
  readonly data: About & { readonly tag: string };
}
export interface TagRemoved {
  readonly type: 'TagRemoved';
  readonly data: About & { readonly tag: string };
}

export type MessageEvent =
  | MessagePosted
  | MessageEdited
  | MessageEditConflicted
  | MessageEditConflictDismissed
  | MessageDeleted
  | MessageRestored
  | MessagePinned
  | MessageUnpinned
  | ReactionAdded
  | ReactionRemoved
  | TagAdded
  | TagRemoved;

export type JournalEvent = ChannelEvent | MessageEvent;
export type JournalEventType = JournalEvent['type'];

export const CHANNEL_EVENT_TYPES = [
  'ChannelCreated',
  'ChannelRenamed',
  'ChannelArchived',
  'ChannelUnarchived',
  'ChannelsReordered',
] as const satisfies readonly ChannelEvent['type'][];

export const MESSAGE_EVENT_TYPES = [
  'MessagePosted',
  'MessageEdited',
  'MessageEditConflicted',
  'MessageEditConflictDismissed',
  'MessageDeleted',
  'MessageRestored',
  'MessagePinned',
  'MessageUnpinned',
  'ReactionAdded',
  'ReactionRemoved',
  'TagAdded',
  'TagRemoved',
] as const satisfies readonly MessageEvent['type'][];

export const JOURNAL_EVENT_TYPES: readonly JournalEventType[] = [
  ...CHANNEL_EVENT_TYPES,
  ...MESSAGE_EVENT_TYPES,
];

export function isChannelEvent(event: JournalEvent): event is ChannelEvent {
  return (CHANNEL_EVENT_TYPES as readonly string[]).includes(event.type);
}
