import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { writeFileAtomic } from '../store/atomic-file.js';

/**
 * A lowdb adapter for cache files: compact JSON, written to a temp file, fsynced and renamed (the store's
 * writeFileAtomic), so a crash leaves the old file or the new one. A file that is missing or does not parse
 * reads as null: the cache only holds what can be rebuilt.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  /**
   * `durable: false` skips the fsyncs (still a temp file and a rename): for snapshots, which are only an
   * accelerator, and whose loss or damage after a power cut just means a longer replay (a file that does
   * not parse reads as null). Waiting for the disk a hundred times would slow a rebuild down.
   */
  constructor(
    readonly file: string,
    private readonly durable = true,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      return null;
    }
  }

  async write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    if (this.durable) {
      await writeFileAtomic(this.file, text);
      return;
    }
    const temp = path.join(
      path.dirname(this.file),
      `.${path.basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    await fs.writeFile(temp, text);
    try {
      await fs.rename(temp, this.file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
}
