import { appInfo } from './app-info.js';
import { appendEvent } from './event-append.js';
import { getEvent } from './event-detail.js';
import { journalAttachmentHandlers } from './journal-attachment-handlers.js';
import { journalDraftHandlers } from './journal-draft-handlers.js';
import { journalCoreHandlers } from './journal-handlers.js';
import { pendingJournalHandlers } from './journal-pending-handlers.js';
import { exportHandlers } from './export-handlers.js';
import { journalReadHandlers } from './journal-read-handlers.js';
import { journalImportHandlers } from './journal-import-handlers.js';
import { journalSearchHandlers } from './journal-search-handlers.js';
import { folderHandlers } from './folder-handlers.js';
import { logHandlers } from './log-handlers.js';
import { projectionEditHandlers } from './projection-edit-handlers.js';
import { projectionHandlers } from './projection-handlers.js';
import type { HandlerMap } from './session-context.js';
import { streamHandlers } from './stream-listing.js';
import { trustHandlers } from './trust-handlers.js';

/** Every request of shared/contract.ts, by name: the table of contents of what the page can do. */
export const handlers: HandlerMap = {
  'app.info': appInfo,
  ...folderHandlers,
  ...trustHandlers,
  ...streamHandlers,
  ...logHandlers,
  ...projectionHandlers,
  ...projectionEditHandlers,
  'event.get': getEvent,
  'event.append': appendEvent,
  // Declared in the contract, answered 'Unsupported' until the journal's Node side lands.
  ...pendingJournalHandlers,
  ...exportHandlers,
  // The journal's Node side: status, commands, channels, message pages.
  ...journalCoreHandlers,
  // History, recently deleted, pins, calendar, on this day, statistics, tags.
  ...journalReadHandlers,
  // Attachments: chunked uploads stored by hash, reads, and addresses to show them from.
  ...journalAttachmentHandlers,
  // Drafts per channel, in the app's settings.
  ...journalDraftHandlers,
  // The journal's search (electron/journal/search/) and imports (electron/journal/import/).
  ...journalSearchHandlers,
  ...journalImportHandlers,
};
