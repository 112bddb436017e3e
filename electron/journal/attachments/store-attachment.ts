import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentRef } from '../../../shared/journal/index.js';
import type { AttachmentFiles } from './attachment-files.js';
import { checkAttachmentMeta, mediaTypeOfName, refOf } from './attachment-meta.js';
import { incomingFile, placeAttachment } from './attachment-writer.js';

export interface FileToAttach {
  /** The file on disk. */
  readonly path: string;
  /** Default: the file's own name. */
  readonly name?: string;
  /** Default: from the name's extension. */
  readonly mediaType?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Stores a file from disk as an attachment of the journal (copied, hashed, fsynced and moved into
 * `attachments/sha256/…`) and answers the reference a command carries. The CLI's `--attach` and the
 * importers store files this way, always before they send the command that names them.
 */
export async function storeAttachmentFile(
  files: AttachmentFiles,
  file: FileToAttach,
): Promise<AttachmentRef> {
  const name = file.name ?? path.basename(file.path);
  const info = await fs.stat(file.path);
  const meta = checkAttachmentMeta({
    name,
    mediaType: file.mediaType ?? mediaTypeOfName(name),
    size: info.size,
    ...(file.width === undefined ? {} : { width: file.width }),
    ...(file.height === undefined ? {} : { height: file.height }),
  });
  const temp = await incomingFile(files.folder);
  const hash = createHash('sha256');
  let size = 0;
  const out = await fs.open(temp, 'w');
  try {
    for await (const chunk of createReadStream(file.path)) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      size += bytes.length;
      await out.write(bytes);
    }
    await out.sync();
  } catch (error) {
    await out.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await out.close();
  const sha256 = hash.digest('hex');
  // The file may have grown or shrunk since it was measured: the reference says what was stored.
  const stored = checkAttachmentMeta({ ...meta, size });
  try {
    await placeAttachment(files, temp, sha256, size);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  return refOf(sha256, stored);
}
