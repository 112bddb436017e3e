import fs from 'node:fs';
import type { FolderLayout } from './folder-layout.js';

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
      fd = fs.openSync(this.layout.segment(segment), 'r');
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
