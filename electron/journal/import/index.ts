/**
 * Imports into the journal from other tools' documented exports: Telegram Desktop's chat export, jrnl's
 * JSON export and Day One's JSON export. Idempotent (ids derived from the source's), keeping the original
 * times, checked whole before anything is appended.
 */
export { runImport, ImportCancelled } from './journal-import.js';
export type { ImportChannel, ImportOptions, ImportProgress, ImportTarget } from './journal-import.js';
export { previewImport } from './import-preview.js';
export { storeAttachmentFile } from './attachment-writer.js';
export type { AttachmentSource, AttachmentWriter } from './attachment-writer.js';
export { isKnownTimeZone, localTimeZone } from './wall-time.js';
export { ImportStaging, StagingRefused } from './import-staging.js';
