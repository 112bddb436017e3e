import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { attachmentPath, type AttachmentRef } from '../../../shared/journal/index.js';
import { syncDirectory } from '../../store/atomic-file.js';

/** A file to keep as an attachment, with what the event says about it. */
export interface AttachmentSource {
  readonly file: string;
  readonly name: string;
  readonly mediaType: string;
  readonly width?: number;
  readonly height?: number;
}

/** Stores a file's bytes in the folder and answers the reference a post carries. */
export type AttachmentWriter = (folder: string, source: AttachmentSource) => Promise<AttachmentRef>;

/**
 * Stores a file as docs/JOURNAL.md "Attachments" says: once per content, at
 * `attachments/sha256/<first two hex digits>/<sha256>`, copied to a temp file beside it while it is
 * hashed, fsynced and renamed, the directories fsynced, all before the post that names it is appended.
 * A file already there (the same content imported before, or posted in the app) is not written again.
 *
 * This is the one place imports write attachments: when the journal's attachment store lands on the
 * Node side, this function is swapped for its own (the shape, an AttachmentWriter, stays).
 */
export const storeAttachmentFile: AttachmentWriter = async (folder, source) => {
  const sha256Dir = path.join(folder, 'attachments', 'sha256');
  await fs.mkdir(sha256Dir, { recursive: true });
  const temp = path.join(sha256Dir, `.import-${randomBytes(8).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  let size = 0;
  const output = await fs.open(temp, 'w');
  try {
    for await (const chunk of createReadStream(source.file)) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      size += bytes.length;
      await output.write(bytes);
    }
    await output.sync();
  } catch (error) {
    await output.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await output.close();
  const sha256 = hash.digest('hex');
  const target = path.join(folder, attachmentPath(sha256));
  try {
    const existing = await fs.stat(target).catch(() => undefined);
    if (existing?.size === size) {
      await fs.rm(temp, { force: true });
    } else {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(temp, target);
      await syncDirectory(path.dirname(target));
      await syncDirectory(sha256Dir);
    }
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  return {
    sha256,
    size,
    mediaType: source.mediaType,
    name: source.name,
    ...(source.width === undefined || source.height === undefined
      ? {}
      : { width: source.width, height: source.height }),
  };
};
