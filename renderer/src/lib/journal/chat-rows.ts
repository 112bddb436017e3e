import type { MessageView } from '../../../../shared/journal/views.js';
import { dayOf } from './local-days.js';

/** A message as a row of the list: the first message of a local day carries that day's separator. */
export interface ChatRow {
  readonly key: string;
  readonly message: MessageView;
  /** The message's local day, `YYYY-MM-DD`. */
  readonly day: string;
  /**
   * True for the first row of a day. The separator is part of the row rather than a row of its own, so
   * that rows added above the screen (older pages) only ever add rows at the top: the virtual list keeps
   * its place by counting rows added at the start, and a separator that moved would throw it off.
   */
  readonly startsDay: boolean;
}

export function chatRows(messages: readonly MessageView[], timeZone: string): ChatRow[] {
  const rows: ChatRow[] = [];
  let previous: string | null = null;
  for (const message of messages) {
    const day = dayOf(message.at, timeZone);
    rows.push({ key: message.message, message, day, startsDay: day !== previous });
    previous = day;
  }
  return rows;
}
