import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Files kept at once; the oldest goes when a new one is made (each is saved or downloaded right away). */
const KEEP = 16;

export interface PreparedEntry {
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly mediaType: string;
}

/**
 * Exports and reports made for the page to save: files in a private temp folder of this process, found
 * by an unguessable handle. The desktop shell copies one where the user chose; browser mode serves it
 * behind the access token (/download/HANDLE). The folder goes when the process exits.
 */
export class PreparedFiles {
  private folder: string | undefined;
  private readonly entries = new Map<string, PreparedEntry>();

  /** A new, empty place for a file of this name; it is listed once `add`ed. */
  reserve(name: string, mediaType: string): PreparedEntry {
    const id = randomUUID();
    const dir = path.join(this.root(), id);
    fs.mkdirSync(dir);
    return { id, path: path.join(dir, name), name, mediaType };
  }

  add(entry: PreparedEntry): void {
    this.entries.set(entry.id, entry);
    for (const old of this.entries.values()) {
      if (this.entries.size <= KEEP) break;
      this.entries.delete(old.id);
      fs.rmSync(path.dirname(old.path), { recursive: true, force: true });
    }
  }

  /** Removes a reserved place whose file was never made (the export failed or was cancelled). */
  discard(entry: PreparedEntry): void {
    fs.rmSync(path.dirname(entry.path), { recursive: true, force: true });
  }

  get(id: string): PreparedEntry | undefined {
    return this.entries.get(id);
  }

  private root(): string {
    if (this.folder === undefined) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-exports-'));
      this.folder = folder;
      process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
    }
    return this.folder;
  }
}

/** One list a process: the api's handlers fill it, browser mode's download route reads it. */
export const preparedFiles = new PreparedFiles();
