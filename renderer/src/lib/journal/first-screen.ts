import type { EarlyCall } from '../api/early-calls.js';
import type { JournalRoute } from './journal-route.js';

/** Messages a page of the channel asks for (older and newer pages ask for twice as many). */
export const MESSAGE_PAGE_SIZE = 50;

/**
 * The requests the journal's view makes as it starts on a route (ChatView.start): the channel list, the
 * drafts and, for a channel's newest messages, their page. Sent with the connection (EarlyCalls), they are
 * answered while the app is still being drawn. They must be the very calls the view makes, or they are
 * asked twice.
 */
export function journalFirstCalls(route: JournalRoute): EarlyCall[] {
  const calls: EarlyCall[] = [
    { name: 'journal.channels', arg: {} },
    { name: 'journal.drafts', arg: undefined },
  ];
  if (route.page === 'channel' && route.channel !== null && route.message === null && route.date === null) {
    if (route.asOf === null) {
      calls.unshift({
        name: 'journal.messages',
        arg: { channel: route.channel, page: { kind: 'latest' }, limit: MESSAGE_PAGE_SIZE },
      });
    }
  }
  return calls;
}
