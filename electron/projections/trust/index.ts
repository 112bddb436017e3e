/** Folder trust: whether a folder's own projection code may run, decided by the user, kept in the app settings. */
export {
  FolderTrust,
  FOLDER_TRUST_FILE,
  type FolderIdentity,
  type FolderTrustOptions,
  type TrustDecision,
  type TrustedFolder,
} from './folder-trust.js';
export {
  countProjectionFiles,
  readProjectionFiles,
  withFile,
  type ProjectionFiles,
} from './projection-files.js';
