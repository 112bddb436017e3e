import type { AttachmentRef } from './attachment.js';
import type { MessageEvent, MessageOrigin } from './events.js';
import type { JournalId, JournalTime } from './journal-values.js';
import type { EditConflict } from './state.js';

/**
 * What the journal's read models answer through the contract: the chat view, search, statistics, the
 * calendar and the as-of view read these. Plain JSON. Dates called `day` are `YYYY-MM-DD` in the time
 * zone the request named.
 */

/** A read model built from the log (see DESIGN.md: the journal's views and its search index). */
export interface ReadModelStatus {
  readonly name: 'journal' | 'search';
  /** idle: not started yet; catching-up: folding the log; live: following it; faulted: see `error`. */
  readonly state: 'idle' | 'catching-up' | 'live' | 'faulted';
  /** The last position folded, and the folder's last position. */
  readonly position: number;
  readonly lastPosition: number;
  readonly error: string | null;
}

export interface JournalStatus {
  /** The folder holds journal events (a channel at least); the chat view is its landing view if so. */
  readonly isJournal: boolean;
  readonly channels: number;
  /** Messages not deleted. */
  readonly messages: number;
  /** Journal events skipped because they could not be read (see docs/JOURNAL.md), with the first few. */
  readonly unreadable: {
    readonly count: number;
    readonly first: readonly { readonly position: number; readonly reason: string }[];
  };
  readonly readModels: readonly ReadModelStatus[];
}

/** A line about a message: for the channel list's last message and a reply's quote. */
export interface MessagePreview {
  readonly message: JournalId;
  /** The start of the text as plain text (Markdown marks removed), at most 200 characters. */
  readonly excerpt: string;
  readonly attachments: number;
  readonly at: JournalTime;
}

export interface ChannelSummary {
  readonly channel: JournalId;
  readonly name: string;
  readonly archived: boolean;
  /** Messages not deleted. */
  readonly messages: number;
  readonly pinned: number;
  /** The `at` of the latest post or edit in the channel; null when it has none. */
  readonly lastActivity: JournalTime | null;
  readonly lastMessage: MessagePreview | null;
  readonly createdAt: JournalTime;
}

/** The message a reply answers, as the reply shows it (a click jumps to it). */
export interface ReplyPreview extends Partial<MessagePreview> {
  readonly message: JournalId;
  /** False when the original is not in the journal (or not yet, as of the date asked). */
  readonly exists: boolean;
  readonly deleted: boolean;
}

/** A message as the chat view shows it. */
export interface MessageView {
  readonly message: JournalId;
  readonly channel: JournalId;
  /** Position of its MessagePosted in the log. */
  readonly position: number;
  readonly text: string;
  /** Every tag: written in the text, then added by hand. */
  readonly tags: readonly string[];
  /** The tags added by hand (the ones a person may remove without editing the text). */
  readonly addedTags: readonly string[];
  readonly attachments: readonly AttachmentRef[];
  readonly replyTo: ReplyPreview | null;
  readonly origin: MessageOrigin | null;
  /** When it was posted (`at` of its post). */
  readonly at: JournalTime;
  /** When it was last edited; null when never. */
  readonly editedAt: JournalTime | null;
  /** 1 + accepted edits: what an edit of it names as baseVersion. */
  readonly version: number;
  readonly pinned: boolean;
  readonly reactions: readonly string[];
  /** Edits that lost a race and wait for a decision (see MessageEditConflicted). */
  readonly conflicts: readonly EditConflict[];
  /** True only in views that show deleted messages (recently deleted, history). */
  readonly deleted: boolean;
  readonly deletedAt: JournalTime | null;
  /** How many messages reply to this one (deleted replies included); absent when none. */
  readonly replies?: number;
}

/** Opaque: where a page ends, to ask for the next one. */
export type PageCursor = string;

/**
 * A page of a channel's messages, oldest first. The list is anchored at the bottom: the first request
 * asks for the latest page, scrolling up asks for `older`, a jump asks `around` a message or `at` a time.
 */
export interface MessagePage {
  readonly messages: readonly MessageView[];
  /** Cursor for the page before (older messages); null at the channel's start. */
  readonly older: PageCursor | null;
  /** Cursor for the page after (newer messages); null at its end. */
  readonly newer: PageCursor | null;
  /** Messages in the channel (not deleted), to size the scroll bar. */
  readonly total: number;
  /** For `around` and `at`: the message to scroll to; null otherwise. */
  readonly anchor: JournalId | null;
}

/** One version of a message: its post (version 1) or an accepted edit. */
export interface MessageVersion {
  readonly version: number;
  readonly text: string;
  readonly tags: readonly string[];
  readonly attachments: readonly AttachmentRef[];
  readonly at: JournalTime;
  readonly position: number;
  /** The edit's id; null for the post. */
  readonly edit: JournalId | null;
}

/** Everything that happened to a message, for the edit history (word diffs between versions) and undelete. */
export interface MessageHistory {
  readonly message: MessageView;
  readonly versions: readonly MessageVersion[];
  /** Every conflicting edit, also the settled ones. */
  readonly conflicts: readonly (EditConflict & {
    readonly position: number;
    /** How it was settled: by an edit (its id), dismissed, or still open. */
    readonly settled: { readonly by: 'edit'; readonly edit: JournalId } | { readonly by: 'dismissal' } | null;
  })[];
  /** The messages that reply to this one, in the order they were posted (deleted ones marked). */
  readonly replies?: readonly (MessagePreview & { readonly deleted: boolean })[];
  /** Every event of the message, oldest first. */
  readonly timeline: readonly {
    readonly type: MessageEvent['type'];
    readonly at: JournalTime;
    readonly position: number;
    /** The emoji, tag or edit id the event is about, if any. */
    readonly detail: string | null;
  }[];
}

/** Recently deleted messages, most recently deleted first. */
export interface DeletedPage {
  readonly messages: readonly MessageView[];
  readonly next: PageCursor | null;
}

export interface CalendarDay {
  readonly day: string;
  /** Messages posted that day (not deleted). */
  readonly messages: number;
  readonly words: number;
}

/** Messages of the same day of the year in earlier years, newest year first. */
export interface OnThisDay {
  readonly day: string;
  readonly years: readonly { readonly year: number; readonly messages: readonly MessageView[] }[];
}

export interface TagCount {
  readonly tag: string;
  readonly count: number;
}

export interface JournalStatistics {
  /** The days covered (the request's, or the journal's first and last day). */
  readonly from: string | null;
  readonly to: string | null;
  /** Days with entries, in order. */
  readonly days: readonly { readonly day: string; readonly entries: number; readonly words: number }[];
  readonly totals: {
    readonly entries: number;
    readonly words: number;
    readonly activeDays: number;
    readonly attachments: number;
  };
  /** Runs of consecutive days with entries: the one ending today (or yesterday), and the longest. */
  readonly streaks: {
    readonly current: number;
    readonly longest: { readonly days: number; readonly from: string; readonly to: string } | null;
  };
  /** The most used tags, most used first (at most 50). */
  readonly tags: readonly TagCount[];
  /** Entries by weekday, Monday first (7), and by hour of the day (24). */
  readonly weekdays: readonly number[];
  readonly hours: readonly number[];
}

/** Text with the parts that matched a search marked; the page escapes it as text, never as HTML. */
export type HighlightedText = readonly { readonly text: string; readonly match: boolean }[];

export interface SearchHit {
  readonly message: JournalId;
  readonly channel: JournalId;
  readonly at: JournalTime;
  readonly score: number;
  /** The best part of the text around the matches, at most about 300 characters. */
  readonly excerpt: HighlightedText;
  readonly tags: readonly string[];
  readonly attachments: number;
}

export interface SearchResults {
  readonly hits: readonly SearchHit[];
  /** Matches in all, up to the cap; `capped` when there are more than the search counts. */
  readonly total: number;
  readonly capped: boolean;
  readonly offset: number;
  /** The index's state: results may lag the log while it catches up. */
  readonly index: ReadModelStatus;
}

/** The bytes of an attachment, a part at a time (base64), for display and download. */
export interface AttachmentChunk {
  /** Base64 of the bytes from `offset`. */
  readonly data: string;
  readonly offset: number;
  /** The whole file's size. */
  readonly size: number;
}

/** What the composer held when it was left: kept per channel in the app's settings, never in the folder. */
export interface JournalDraft {
  readonly text: string;
  readonly replyTo: JournalId | null;
  /** Attachments already uploaded (their bytes are in the folder), not yet posted. */
  readonly attachments: readonly AttachmentRef[];
  /** Set while editing an existing message rather than writing a new one. */
  readonly editing: { readonly message: JournalId; readonly baseVersion: number } | null;
  readonly updated: JournalTime;
}

/** The tools the journal imports from, each from its documented export format. */
export type ImportSource = 'telegram' | 'jrnl' | 'dayone';

/** Something wrong in an import file, named where it is (`line 12`, `messages[3].date`). */
export interface ImportProblem {
  readonly where: string;
  readonly message: string;
}

/** What an import would do, before it runs. */
export interface ImportPreview {
  readonly from: ImportSource;
  /** Entries in the file, and how many of them the journal already has (from an earlier import). */
  readonly entries: number;
  readonly alreadyImported: number;
  readonly attachments: number;
  readonly firstTime: JournalTime | null;
  readonly lastTime: JournalTime | null;
  /** The export's own name for what it holds (Telegram's chat name, Day One's journal name). */
  readonly title: string | null;
  /** Problems that stop the import; an import with problems appends nothing. */
  readonly problems: readonly ImportProblem[];
}

export interface ImportOutcome {
  readonly import: JournalId;
  readonly channel: JournalId;
  readonly added: number;
  /** Entries already in the journal (importing twice adds nothing). */
  readonly skipped: number;
  readonly attachments: number;
  readonly firstTime: JournalTime | null;
  readonly lastTime: JournalTime | null;
}
