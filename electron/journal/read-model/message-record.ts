import type { JournalId } from '../../../shared/journal/index.js';

/** An edit that lost a race and is still open: its id and where its MessageEditConflicted is in the log. */
export interface OpenConflict {
  readonly edit: JournalId;
  readonly position: number;
}

/**
 * What the journal's read model keeps of one message: where its events are and what the views sort,
 * count and filter by, but not its text. A view reads the text of the few messages it shows from the log
 * (the event at `contentPosition`), so 100,000 messages cost a few hundred bytes each, not their texts.
 */
export interface MessageRecord {
  readonly id: JournalId;
  readonly channel: JournalId;
  /** The post's `at`, in milliseconds: the message's place in its channel (imports keep their times). */
  readonly at: number;
  /** Position of the MessagePosted: ties of `at` are ordered by it. */
  readonly postPosition: number;
  /** Position of the event holding the current content: the post, or the last accepted edit. */
  contentPosition: number;
  version: number;
  /** `at` of the last accepted edit (ms), or null. */
  editedAt: number | null;
  deleted: boolean;
  /** `at` of the delete (ms) while deleted. */
  deletedAt: number | null;
  pinned: boolean;
  reactions: readonly string[];
  /** Tags written in the current text, and tags added by hand. */
  textTags: readonly string[];
  addedTags: readonly string[];
  attachments: number;
  /** Words of the current text (see wordCount). */
  words: number;
  readonly replyTo: JournalId | null;
  conflicts: readonly OpenConflict[];
}

/** One empty list shared by every record that has none: most messages have no reactions or conflicts. */
export const NONE: readonly never[] = Object.freeze([]);

/** Orders messages in a channel: by time posted, then by position in the log. */
export function compareRecords(a: MessageRecord, b: MessageRecord): number {
  return a.at - b.at || a.postPosition - b.postPosition;
}

/** A message's tags: written in its text, then added by hand, each once. */
export function tagsOfRecord(record: MessageRecord): string[] {
  if (record.addedTags.length === 0) return [...record.textTags];
  return [...new Set([...record.textTags, ...record.addedTags])];
}
