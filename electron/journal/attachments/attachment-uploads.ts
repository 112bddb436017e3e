import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs/promises';
import { JournalError, UPLOAD_CHUNK_BYTES, type AttachmentRef } from '../../../shared/journal/index.js';
import type { AttachmentFiles } from './attachment-files.js';
import { checkAttachmentMeta, refOf, type AttachmentMeta } from './attachment-meta.js';
import { incomingFile, placeAttachment } from './attachment-writer.js';

interface Upload {
  readonly meta: AttachmentMeta;
  readonly temp: string;
  readonly handle: fs.FileHandle;
  readonly hash: Hash;
  received: number;
  /** Chunks of one upload are written in turn. */
  turn: Promise<unknown>;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Uploads one window may have open at once (each holds a file open). */
const MAX_OPEN = 16;

/**
 * Attachments arriving from a page, in chunks (a request carries at most 1 MiB): written to a temp file in
 * the folder's cache while being hashed, then fsynced and moved to `attachments/sha256/…` when finished.
 * The answer is the reference a post or an edit then carries, so the bytes are always in the folder
 * before any event names them. One of these a window; what it leaves unfinished is dropped when it closes.
 */
export class AttachmentUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly files: AttachmentFiles) {}

  async begin(id: string, meta: AttachmentMeta): Promise<{ chunkBytes: number }> {
    const checked = checkAttachmentMeta(meta);
    await this.cancel(id);
    if (this.uploads.size >= MAX_OPEN) {
      throw new JournalError(
        'InvalidAttachment',
        `At most ${MAX_OPEN} attachments upload at once; wait for one to finish`,
        { open: this.uploads.size },
      );
    }
    const temp = await incomingFile(this.files.folder);
    const handle = await fs.open(temp, 'w');
    this.uploads.set(id, {
      meta: checked,
      temp,
      handle,
      hash: createHash('sha256'),
      received: 0,
      turn: Promise.resolve(),
    });
    return { chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  chunk(id: string, offset: number, data: string): Promise<{ received: number }> {
    const upload = this.get(id);
    return this.inTurn(upload, async () => {
      if (offset !== upload.received) {
        throw new JournalError(
          'InvalidAttachment',
          `A chunk of "${upload.meta.name}" came for byte ${offset}, but ${upload.received} bytes have arrived: send the chunks in order`,
          { offset, received: upload.received },
        );
      }
      if (!BASE64.test(data)) {
        throw new JournalError('InvalidAttachment', `A chunk of "${upload.meta.name}" is not base64`, {
          offset,
        });
      }
      const bytes = Buffer.from(data, 'base64');
      if (upload.received + bytes.length > upload.meta.size) {
        throw new JournalError(
          'AttachmentTooLarge',
          `"${upload.meta.name}" was announced as ${upload.meta.size} bytes, but more arrived`,
          { size: upload.meta.size },
        );
      }
      await upload.handle.write(bytes, 0, bytes.length, offset);
      upload.hash.update(bytes);
      upload.received += bytes.length;
      return { received: upload.received };
    });
  }

  async finish(
    id: string,
    size: { readonly width?: number; readonly height?: number },
  ): Promise<AttachmentRef> {
    const upload = this.get(id);
    return this.inTurn(upload, async () => {
      if (upload.received !== upload.meta.size) {
        throw new JournalError(
          'InvalidAttachment',
          `Only ${upload.received} of the ${upload.meta.size} bytes of "${upload.meta.name}" arrived`,
          { received: upload.received, size: upload.meta.size },
        );
      }
      const meta = checkAttachmentMeta({ ...upload.meta, ...size });
      this.uploads.delete(id);
      try {
        await upload.handle.sync();
      } finally {
        await upload.handle.close();
      }
      const sha256 = upload.hash.digest('hex');
      try {
        await placeAttachment(this.files, upload.temp, sha256, upload.received);
      } catch (error) {
        await fs.rm(upload.temp, { force: true });
        throw error;
      }
      return refOf(sha256, meta);
    });
  }

  async cancel(id: string): Promise<void> {
    const upload = this.uploads.get(id);
    if (upload === undefined) return;
    this.uploads.delete(id);
    await upload.turn.catch(() => undefined);
    await upload.handle.close().catch(() => undefined);
    await fs.rm(upload.temp, { force: true });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.cancel(id)));
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id);
    if (upload === undefined) {
      throw new JournalError(
        'UnknownUpload',
        `There is no upload ${id} in progress (it finished, was cancelled, or its window reloaded); start it again`,
        { upload: id },
      );
    }
    return upload;
  }

  private inTurn<T>(upload: Upload, work: () => Promise<T>): Promise<T> {
    const result = upload.turn.then(work);
    upload.turn = result.catch(() => undefined);
    return result;
  }
}
