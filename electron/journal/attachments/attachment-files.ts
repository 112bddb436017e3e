import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { attachmentPath, JournalError, type AttachmentRef } from '../../../shared/journal/index.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The attachments of one journal folder, as files: `attachments/sha256/<ab>/<sha256>` (docs/JOURNAL.md).
 * Reading checks a file against its name (its hash) once per change of the file, so a damaged or replaced
 * picture is reported as such instead of being shown.
 */
export class AttachmentFiles {
  /** Files already found to match their hash, by size and modification time. */
  private readonly verified = new Map<string, string>();

  constructor(readonly folder: string) {}

  /** The absolute path of an attachment's bytes. */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256))
      throw new JournalError('InvalidAttachment', `"${sha256}" is not a SHA-256 in hex`);
    return path.join(this.folder, ...attachmentPath(sha256).split('/'));
  }

  /** The references whose file is not in the folder (or has another size): a command must not name them. */
  async missing(refs: readonly AttachmentRef[]): Promise<AttachmentRef[]> {
    const found = await Promise.all(
      refs.map(async (ref) => {
        try {
          const info = await fs.stat(this.pathOf(ref.sha256));
          return info.isFile() && info.size === ref.size;
        } catch {
          return false;
        }
      }),
    );
    return refs.filter((_, i) => !found[i]);
  }

  /** Up to `length` bytes from `offset`, and the file's size. The file is checked against its hash first. */
  async read(sha256: string, offset: number, length: number): Promise<{ bytes: Buffer; size: number }> {
    const file = this.pathOf(sha256);
    const size = await this.verify(sha256);
    if (offset > size) {
      throw new JournalError(
        'InvalidAttachment',
        `Offset ${offset} is past the end of the attachment (${size} bytes)`,
        {
          sha256,
          size,
        },
      );
    }
    const handle = await fs.open(file, 'r');
    try {
      const bytes = Buffer.alloc(Math.min(length, size - offset));
      let done = 0;
      while (done < bytes.length) {
        const { bytesRead } = await handle.read(bytes, done, bytes.length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return { bytes: bytes.subarray(0, done), size };
    } finally {
      await handle.close();
    }
  }

  /**
   * The file's size once its bytes are known to have its hash: 'AttachmentMissing' when it is not in the
   * folder, 'AttachmentMismatch' when its bytes changed.
   */
  async verify(sha256: string): Promise<number> {
    const file = this.pathOf(sha256);
    let info;
    try {
      info = await fs.stat(file);
    } catch {
      throw new JournalError(
        'AttachmentMissing',
        `The attachment ${sha256} is not in this journal's folder (${attachmentPath(sha256)} is missing)`,
        { sha256 },
      );
    }
    const stamp = `${info.size}:${info.mtimeMs}`;
    if (this.verified.get(sha256) === stamp) return info.size;
    const actual = await hashFile(file);
    if (actual !== sha256) {
      throw new JournalError(
        'AttachmentMismatch',
        `The attachment ${attachmentPath(sha256)} was changed on disk: its bytes no longer have its SHA-256`,
        { sha256, actual },
      );
    }
    this.verified.set(sha256, stamp);
    return info.size;
  }
}

/** SHA-256 of a file's bytes, in hex, read as a stream (attachments go up to 64 MiB). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
