import type { RequestName } from '../../shared/contract.js';
import { JournalError, type JournalCommand, type MessageView } from '../../shared/journal/index.js';
import {
  channelSummaries,
  messagePage,
  messageViews,
  PREVIEW_MESSAGES,
  type JournalIndex,
  type OpenJournal,
} from '../journal/index.js';
import { ReadModelError } from '../read-models/index.js';
import { ContractFailure } from './contract-failure.js';
import { isJournalFolder } from './journal-folder.js';
import { readModelStatus } from './session-journal.js';
import type { Handler, HandlerMap, SessionContext } from './session-context.js';

type JournalCoreRequests = Pick<
  HandlerMap,
  'journal.status' | 'journal.command' | 'journal.channels' | 'journal.messages' | 'journal.message'
>;

/** The folder's journal, its views started, for a request of this window. */
export function journalOf(session: SessionContext, request: RequestName): OpenJournal {
  return session.folder(request).journal.open();
}

/** The journal's views now or as of a moment, with a fault of the views as the contract's error. */
export async function viewsOf(
  session: SessionContext,
  request: RequestName,
  asOf?: string,
): Promise<JournalIndex> {
  try {
    return await journalOf(session, request).index(asOf);
  } catch (error) {
    throw contractError(request, error);
  }
}

export function contractError(request: RequestName, error: unknown): unknown {
  if (!(error instanceof ReadModelError)) return error;
  if (error.code === 'ReadModelClosed') {
    return new ContractFailure('Closed', `${request}: the folder was closed`, { readModel: error.readModel });
  }
  return new ContractFailure('ReadModelFaulted', `${request}: ${error.message}`, {
    readModel: error.readModel,
    position: error.position,
  });
}

/** A message the views know, or 'UnknownMessage'. */
export function recordOf(index: JournalIndex, message: string) {
  const record = index.message(message);
  if (record === undefined) {
    throw new JournalError('UnknownMessage', `There is no message with the id ${message}`, { message });
  }
  return record;
}

const status: Handler<'journal.status'> = (_arg, session) => {
  const folder = session.folder('journal.status');
  const journal = journalOf(session, 'journal.status');
  const index = journal.model.index;
  return Promise.resolve({
    isJournal: isJournalFolder(folder.store) || index.channels.size > 0,
    channels: index.channels.size,
    messages: index.live,
    unreadable: { count: index.unreadable.count, first: index.unreadable.first.slice(0, 5) },
    readModels: [readModelStatus('journal', journal.status)],
  });
};

/** The message a command is about, if any. */
function messageOfCommand(command: JournalCommand): string | undefined {
  return 'message' in command ? command.message : undefined;
}

const command: Handler<'journal.command'> = async (arg, session) => {
  const journal = journalOf(session, 'journal.command');
  let outcome;
  try {
    outcome = await journal.run(arg);
  } catch (error) {
    throw contractError('journal.command', error);
  }
  const id = messageOfCommand(arg);
  if (id === undefined) return outcome;
  const index = journal.model.index;
  const record = index.message(id);
  if (record === undefined) return outcome;
  const [message] = await messageViews(index, journal.store, [record]);
  return message === undefined ? outcome : { ...outcome, message };
};

/**
 * Reads the views for a window's first questions (the channel list, a channel's newest page): from the
 * views' preview while a big journal's checkpoint still loads, so the first screen does not wait for it.
 */
async function earlyViews<T>(
  session: SessionContext,
  request: RequestName,
  read: (index: JournalIndex, journal: OpenJournal) => Promise<T>,
): Promise<T> {
  const journal = journalOf(session, request);
  try {
    return await journal.early((index) => read(index, journal));
  } catch (error) {
    throw contractError(request, error);
  }
}

const channels: Handler<'journal.channels'> = async (arg, session) => {
  const options = arg.archived === undefined ? {} : { archived: arg.archived };
  if (arg.asOf === undefined) {
    return earlyViews(session, 'journal.channels', (index, journal) =>
      channelSummaries(index, journal.store, options),
    );
  }
  const index = await viewsOf(session, 'journal.channels', arg.asOf);
  return channelSummaries(index, journalOf(session, 'journal.channels').store, options);
};

const messages: Handler<'journal.messages'> = async (arg, session) => {
  const read = async (index: JournalIndex, journal: OpenJournal) => {
    const page = messagePage(index, arg.channel, arg.page, arg.limit);
    const views = await messageViews(index, journal.store, page.records);
    return { messages: views, older: page.older, newer: page.newer, total: page.total, anchor: page.anchor };
  };
  if (arg.asOf === undefined && arg.page.kind === 'latest' && (arg.limit ?? 0) <= PREVIEW_MESSAGES) {
    return earlyViews(session, 'journal.messages', read);
  }
  const index = await viewsOf(session, 'journal.messages', arg.asOf);
  return read(index, journalOf(session, 'journal.messages'));
};

const message: Handler<'journal.message'> = async (arg, session): Promise<MessageView> => {
  const index = await viewsOf(session, 'journal.message', arg.asOf);
  const record = recordOf(index, arg.message);
  const [view] = await messageViews(index, journalOf(session, 'journal.message').store, [record]);
  return view!;
};

/** The journal's own requests: its status, commands, channels and message pages. */
export const journalCoreHandlers: JournalCoreRequests = {
  'journal.status': status,
  'journal.command': command,
  'journal.channels': channels,
  'journal.messages': messages,
  'journal.message': message,
};
