/** The contract's implementation, transport-agnostic: the desktop shell and browser mode both carry it. */
export type { ApiHost, ApiSession, Push } from './api-host.js';
export { createApiSession, type ApiSessionOptions } from './api-session.js';
export { FolderRegistry, type FolderLease } from './folder-registry.js';
export { RecentFolders, RECENT_FOLDERS_FILE } from './recent-folders.js';
export { MAX_OPEN_VIEWS } from './log-views.js';
export { FolderTrust, FOLDER_TRUST_FILE, type TrustedFolder } from '../projections/trust/index.js';
export { preparedFiles, type PreparedEntry } from './prepared-files.js';
export {
  ATTACHMENT_SCHEME,
  ATTACHMENT_ROUTE,
  attachmentReply,
  type AttachmentReply,
} from './attachment-route.js';
export { JournalDrafts, JOURNAL_DRAFTS_FILE } from './journal-drafts.js';
export { isJournalFolder } from './journal-folder.js';
export { FolderSummaries } from './folder-summary.js';
