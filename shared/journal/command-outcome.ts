import type { JournalEvent } from './events.js';
import type { MessageView } from './views.js';

/** What came of a journal command (the answer of the contract's `journal.command`). */
export interface CommandOutcome {
  /** The stream the command's events went to (or would have). */
  readonly stream: string;
  /** The events appended; empty when the command changed nothing (a retry, a reaction already there). */
  readonly events: readonly JournalEvent[];
  /** Positions of the appended events in the log; null when nothing was appended. */
  readonly positions: { readonly first: number; readonly last: number } | null;
  /** The edit lost a race with another edit and was kept as a conflict (MessageEditConflicted). */
  readonly conflict: boolean;
  /** How many times the command was decided: 1, plus one for each race it lost to another writer. */
  readonly attempts: number;
  /**
   * For a command about a message: the message as it is now, once the views include the command's events
   * (so a page can show it without asking again). After a lost edit (`conflict`), `text` is the edit that
   * won and `conflicts` holds the text that lost: both texts, for the page to show side by side.
   */
  readonly message?: MessageView;
}
