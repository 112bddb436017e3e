import fs from 'node:fs';
import { StoreError } from '../../shared/store-error.js';
import type { FolderLayout } from './folder-layout.js';

/** Windows has no O_NONBLOCK (and no FIFOs in folders). */
const O_NONBLOCK: number = (fs.constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/**
 * Open read descriptors of segment files, one a segment, opened on first use. Reads are positional
 * (pread), so one descriptor serves any number of concurrent reads.
 */
export class SegmentFiles {
  private readonly descriptors = new Map<string, number>();

  constructor(private readonly layout: FolderLayout) {}

  descriptor(segment: string): number {
    let fd = this.descriptors.get(segment);
    if (fd === undefined) {
      // Non-blocking, so that a FIFO in a segment's place cannot hang the open; then refused below.
      fd = fs.openSync(this.layout.segment(segment), fs.constants.O_RDONLY | O_NONBLOCK);
      if (!fs.fstatSync(fd).isFile()) {
        fs.closeSync(fd);
        throw new StoreError('Corrupt', `${this.layout.segment(segment)} is not a regular file`, { segment });
      }
      this.descriptors.set(segment, fd);
    }
    return fd;
  }

  /** Reads `length` bytes at `offset`; fewer only if the file is shorter. */
  async read(segment: string, offset: number, length: number): Promise<Buffer> {
    const fd = this.descriptor(segment);
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = await new Promise<number>((resolve, reject) =>
        fs.read(fd, buffer, done, length - done, offset + done, (error, bytes) =>
          error ? reject(error) : resolve(bytes),
        ),
      );
      if (read === 0) break;
      done += read;
    }
    return done === length ? buffer : buffer.subarray(0, done);
  }

  readSync(segment: string, offset: number, length: number): Buffer {
    const fd = this.descriptor(segment);
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = fs.readSync(fd, buffer, done, length - done, offset + done);
      if (read === 0) break;
      done += read;
    }
    return done === length ? buffer : buffer.subarray(0, done);
  }

  size(segment: string): number {
    return fs.fstatSync(this.descriptor(segment)).size;
  }

  forget(segment: string): void {
    const fd = this.descriptors.get(segment);
    if (fd !== undefined) {
      this.descriptors.delete(segment);
      fs.closeSync(fd);
    }
  }

  closeAll(): void {
    for (const fd of this.descriptors.values()) fs.closeSync(fd);
    this.descriptors.clear();
  }
}
