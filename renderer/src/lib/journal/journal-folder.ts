import type { FolderSummary } from '../../../../shared/contract.js';

/**
 * Whether a folder is a journal: the Node side says so in the folder's summary (`journal`) once it knows
 * (journal streams, or the default journal made at first start).
 */
export function isJournalFolder(folder: FolderSummary | null): boolean {
  return folder !== null && (folder as FolderSummary & { readonly journal?: boolean }).journal === true;
}
