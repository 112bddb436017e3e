import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';

/** The file name in the app's user data folder (next to the recent folders list). */
export const FOLDER_TRUST_FILE = 'folder-trust.json';

/** A folder the user trusts to run its own projection code. */
export interface TrustedFolder {
  /** The folder's manifest id: trust follows the folder, not a path someone else's folder could take. */
  readonly id: string;
  /** Where the folder was when the user trusted it (shown to the user, never used to look trust up). */
  readonly path: string;
  /** ISO-8601 UTC. */
  readonly trustedAt: string;
}

interface TrustFile {
  folders: TrustedFolder[];
}

export interface FolderTrustOptions {
  /**
   * Told once a damaged settings file has been moved aside (and where to): trust is then empty, and the
   * user should hear why the folders they trusted ask again.
   */
  readonly onDamaged?: (keptAs: string, reason: string) => void;
}

/** One change at a time per file, whichever FolderTrust (one per window) makes it. */
const queues = new Map<string, Promise<unknown>>();

/**
 * The folders the user trusts, kept in the app's settings (a lowdb JSON file, written to a temp file and
 * renamed), never inside the folders themselves: a folder from someone else cannot declare itself
 * trusted. The file is read again on every call, since another window or process may have changed it.
 */
export class FolderTrust {
  private readonly adapter: JSONFile<TrustFile>;

  constructor(
    readonly file: string,
    private readonly options: FolderTrustOptions = {},
  ) {
    this.adapter = new JSONFile<TrustFile>(file);
  }

  async isTrusted(folderId: string): Promise<boolean> {
    return (await this.list()).some((entry) => entry.id === folderId);
  }

  /** Most recently trusted first. */
  list(): Promise<TrustedFolder[]> {
    return this.serialised(() => this.read());
  }

  /** Trusts the folder with this manifest id, seen at `folderPath` (trusting it again updates both). */
  async trust(folderId: string, folderPath: string, at = new Date()): Promise<TrustedFolder> {
    if (folderId === '') throw new Error('A folder is trusted by its manifest id, and this one is empty');
    const entry: TrustedFolder = { id: folderId, path: folderPath, trustedAt: at.toISOString() };
    await this.change((folders) => [entry, ...folders.filter((other) => other.id !== folderId)]);
    return entry;
  }

  /** Forgets the trust; false when the folder was not trusted. */
  async revoke(folderId: string): Promise<boolean> {
    let found = false;
    await this.change((folders) => {
      const kept = folders.filter((entry) => entry.id !== folderId);
      found = kept.length !== folders.length;
      return kept;
    });
    return found;
  }

  private change(edit: (folders: TrustedFolder[]) => TrustedFolder[]): Promise<void> {
    return this.serialised(async () => {
      const folders = edit(await this.read());
      await mkdir(path.dirname(this.file), { recursive: true });
      await this.adapter.write({ folders });
    });
  }

  private async read(): Promise<TrustedFolder[]> {
    let data: unknown;
    try {
      data = await this.adapter.read();
    } catch (error) {
      // Text that is not JSON (hand-edited, or written by something else): nothing is trusted, and the
      // file is kept for whoever wants to look, instead of being overwritten by the next decision.
      if (error instanceof SyntaxError) await this.setAside(`not JSON (${error.message})`);
      // Unreadable otherwise (permissions, a directory in the way): nothing is trusted, and a write says why.
      return [];
    }
    if (data === null) return [];
    const folders = (data as Partial<TrustFile>).folders;
    if (typeof data !== 'object' || Array.isArray(data) || !Array.isArray(folders)) {
      await this.setAside('not a list of trusted folders');
      return [];
    }
    return folders.filter(isTrustedFolder).sort((a, b) => b.trustedAt.localeCompare(a.trustedAt));
  }

  private async setAside(reason: string): Promise<void> {
    const keptAs = `${this.file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.file, keptAs);
    } catch {
      // Another window moved it first (and told the user), or it is gone: nothing left to keep.
      return;
    }
    this.options.onDamaged?.(keptAs, reason);
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const key = path.resolve(this.file);
    const result = (queues.get(key) ?? Promise.resolve()).then(work, work);
    const settled = result.catch(() => undefined);
    queues.set(key, settled);
    // The map keeps only files with work pending, not every file ever used.
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return result;
  }
}

function isTrustedFolder(value: unknown): value is TrustedFolder {
  const entry = value as Partial<TrustedFolder> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    entry.id !== '' &&
    typeof entry.path === 'string' &&
    typeof entry.trustedAt === 'string'
  );
}
