/**
 * The journal's Node side: running commands against the store, the views built from the log (a read model
 * on electron/read-models), the journal as of a moment, attachments, and the queries the contract answers.
 */
export { JournalCommandHandler } from './command-handler.js';
export type { CommandHandlerOptions } from './command-handler.js';
export type { CommandOutcome } from '../../shared/journal/command-outcome.js';
export { loadDecisionState } from './decision-state.js';
export type { LoadedState } from './decision-state.js';
export type { JournalStreams } from './journal-streams.js';
export { initJournalFolder, FIRST_CHANNEL_NAME } from './journal-folder-init.js';
export { OpenJournal, type JournalChange, type JournalStore } from './open-journal.js';
export { AsOfFolds } from './as-of-folds.js';
export { JournalIndex } from './read-model/journal-index.js';
export { JournalReadModel } from './read-model/journal-read-model.js';
export { PREVIEW_MESSAGES } from './read-model/journal-index-file.js';
export { channelSummaries } from './views/channel-list.js';
export { messagePage, DEFAULT_PAGE_SIZE } from './views/message-pages.js';
export { messageViews, type EventReader } from './views/message-views.js';
export { plainExcerpt } from './views/plain-excerpt.js';
export { messageHistory } from './views/message-history.js';
export { deletedPage } from './views/deleted-messages.js';
export { calendarDays, onThisDay } from './views/journal-calendar.js';
export { journalStatistics, tagCounts, streaks } from './views/journal-statistics.js';
export { TimeZoneDays } from './views/time-zone-days.js';
export { postedBetween, timelinesOf } from './views/message-ranges.js';
export { tagsOfRecord, compareRecords, type MessageRecord } from './read-model/message-record.js';
export * from './attachments/index.js';
