/** A journal's attachments: stored once by content hash inside the folder, before the events naming them. */
export { AttachmentFiles, hashFile } from './attachment-files.js';
export { AttachmentUploads } from './attachment-uploads.js';
export { checkAttachmentMeta, mediaTypeOfName, type AttachmentMeta } from './attachment-meta.js';
export { storeAttachmentFile, type FileToAttach } from './store-attachment.js';
export { verifyAttachments, type AttachmentProblem, type AttachmentReport } from './verify-attachments.js';
