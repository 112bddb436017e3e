import fs from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileAtomic } from '../store/atomic-file.js';

/**
 * A lowdb adapter for cache files: compact JSON, written to a temp file, fsynced and renamed (the store's
 * writeFileAtomic), so a crash leaves the old file or the new one. A file that is missing or does not parse
 * reads as null: the cache only holds what can be rebuilt.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

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
    await writeFileAtomic(this.file, JSON.stringify(data));
  }
}
