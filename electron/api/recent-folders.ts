import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { RecentFolder } from '../../shared/contract.js';

/** The file name the desktop shell and browser mode both use inside the user data folder. */
export const RECENT_FOLDERS_FILE = 'recent-folders.json';

const MAX_RECENT = 20;

interface StoredFolder {
  readonly path: string;
  readonly name: string;
  readonly lastOpened: string;
}

interface RecentFile {
  folders: StoredFolder[];
}

/**
 * Folders opened before, most recent first, kept in a lowdb JSON file (written to a temp file and renamed,
 * so a crash leaves the old list or the new one). The file is read again on every call: another window or
 * a browser-mode process may have written it since.
 */
export class RecentFolders {
  private readonly db: Low<RecentFile>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {
    this.db = new Low<RecentFile>(new JSONFile<RecentFile>(file), { folders: [] });
  }

  list(): Promise<RecentFolder[]> {
    return this.serialised(async () => withAvailability(await this.read()));
  }

  /** Puts a folder first (adding it, or moving it up). */
  remember(folder: string, openedAt = new Date()): Promise<RecentFolder[]> {
    return this.change((folders) => [
      { path: folder, name: path.basename(folder) || folder, lastOpened: openedAt.toISOString() },
      ...folders.filter((entry) => entry.path !== folder),
    ]);
  }

  forget(folder: string): Promise<RecentFolder[]> {
    return this.change((folders) => folders.filter((entry) => entry.path !== folder));
  }

  private change(edit: (folders: StoredFolder[]) => StoredFolder[]): Promise<RecentFolder[]> {
    return this.serialised(async () => {
      const folders = edit(await this.read()).slice(0, MAX_RECENT);
      this.db.data = { folders };
      await mkdir(path.dirname(this.file), { recursive: true });
      await this.db.write();
      return withAvailability(folders);
    });
  }

  private async read(): Promise<StoredFolder[]> {
    try {
      await this.db.read();
    } catch {
      // A damaged list is not worth an error dialog: it is rebuilt as folders are opened again.
      this.db.data = { folders: [] };
    }
    const folders: unknown = (this.db.data as Partial<RecentFile> | null)?.folders;
    return Array.isArray(folders) ? folders.filter(isStoredFolder) : [];
  }

  /** One change at a time, so two quick opens cannot write over each other. */
  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function isStoredFolder(value: unknown): value is StoredFolder {
  const entry = value as Partial<StoredFolder> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.path === 'string' &&
    typeof entry.name === 'string' &&
    typeof entry.lastOpened === 'string'
  );
}

async function withAvailability(folders: readonly StoredFolder[]): Promise<RecentFolder[]> {
  return Promise.all(
    folders.map(async (entry) => ({
      ...entry,
      available: await access(path.join(entry.path, 'eventfold.json')).then(
        () => true,
        () => false,
      ),
    })),
  );
}
