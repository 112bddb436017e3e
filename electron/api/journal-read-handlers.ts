import { JournalError } from '../../shared/journal/index.js';
import {
  calendarDays,
  deletedPage,
  journalStatistics,
  messageHistory,
  messageViews,
  onThisDay,
  tagCounts,
} from '../journal/index.js';
import { journalOf, recordOf, viewsOf } from './journal-handlers.js';
import type { Handler, HandlerMap } from './session-context.js';

type JournalReadRequests = Pick<
  HandlerMap,
  | 'journal.history'
  | 'journal.deleted'
  | 'journal.pins'
  | 'journal.calendar'
  | 'journal.onThisDay'
  | 'journal.statistics'
  | 'journal.tags'
>;

const history: Handler<'journal.history'> = async (arg, session) => {
  const index = await viewsOf(session, 'journal.history');
  return messageHistory(index, journalOf(session, 'journal.history').store, recordOf(index, arg.message));
};

const deleted: Handler<'journal.deleted'> = async (arg, session) => {
  const index = await viewsOf(session, 'journal.deleted');
  const page = deletedPage(index, arg);
  const messages = await messageViews(index, journalOf(session, 'journal.deleted').store, page.records);
  return { messages, next: page.next };
};

const pins: Handler<'journal.pins'> = async (arg, session) => {
  const index = await viewsOf(session, 'journal.pins', arg.asOf);
  if (!index.channels.has(arg.channel)) {
    throw new JournalError('UnknownChannel', `There is no channel with the id ${arg.channel}`, {
      channel: arg.channel,
    });
  }
  const pinned = index
    .timeline(arg.channel)
    .list()
    .filter((record) => record.pinned && !record.deleted);
  return messageViews(index, journalOf(session, 'journal.pins').store, pinned);
};

const calendar: Handler<'journal.calendar'> = async (arg, session) =>
  calendarDays(await viewsOf(session, 'journal.calendar', arg.asOf), arg);

const onThisDayHandler: Handler<'journal.onThisDay'> = async (arg, session) => {
  const index = await viewsOf(session, 'journal.onThisDay');
  const years = onThisDay(index, arg);
  const store = journalOf(session, 'journal.onThisDay').store;
  const views = await messageViews(
    index,
    store,
    years.flatMap((year) => year.records),
  );
  let next = 0;
  return {
    day: arg.day,
    years: years.map((year) => ({
      year: year.year,
      messages: year.records.map(() => views[next++]!),
    })),
  };
};

const statistics: Handler<'journal.statistics'> = async (arg, session) =>
  journalStatistics(await viewsOf(session, 'journal.statistics', arg.asOf), { ...arg, now: Date.now() });

const tags: Handler<'journal.tags'> = async (arg, session) =>
  tagCounts(await viewsOf(session, 'journal.tags'), arg);

/** What the journal's other views read: history, recently deleted, pins, calendar, statistics, tags. */
export const journalReadHandlers: JournalReadRequests = {
  'journal.history': history,
  'journal.deleted': deleted,
  'journal.pins': pins,
  'journal.calendar': calendar,
  'journal.onThisDay': onThisDayHandler,
  'journal.statistics': statistics,
  'journal.tags': tags,
};
