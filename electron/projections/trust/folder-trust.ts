import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';

/** The file name in the app's user data folder (next to the recent folders list). */
export const FOLDER_TRUST_FILE = 'folder-trust.json';

/** What identifies a folder to trust: things its own files cannot forge together. */
export interface FolderIdentity {
  /** The folder's manifest id (copied with the folder, so not enough alone). */
  readonly id: string;
  /** Its real path (fs.realpath): another folder cannot be at the same place. */
  readonly realPath: string;
}

/** A folder the user trusts to run its own projection code. */
export interface TrustedFolder {
  /** The folder's manifest id. */
  readonly id: string;
  /** The folder's real path when the user trusted it: trust does not follow a copy elsewhere. */
  readonly path: string;
  /**
   * SHA-256 of its projection files (names and contents) when trusted: other code asks again. Absent in
   * entries an earlier Eventfold wrote (trust by id alone): those no longer trust, and ask again once.
   */
  readonly codeHash?: string;
  /** ISO-8601 UTC. */
  readonly trustedAt: string;
}

/** Whether a folder's code may run, and when it may not although it was trusted before, why it asks again. */
export interface TrustDecision {
  readonly trusted: boolean;
  /**
   * 'code-changed': trusted at this place, but its projection files changed since; 'older-trust': trusted
   * by an earlier Eventfold by its id alone, which no longer suffices.
   */
  readonly askAgain?: 'code-changed' | 'older-trust';
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
 * trusted. Trust is for a folder at its real path, with its manifest id, running exactly the code it had
 * (a hash of its projection files): a folder that copies a trusted one's manifest, or a trusted folder
 * whose code changed, asks again. The file is read again on every call, since another window or process
 * may have changed it.
 */
export class FolderTrust {
  private readonly adapter: JSONFile<TrustFile>;

  constructor(
    readonly file: string,
    private readonly options: FolderTrustOptions = {},
  ) {
    this.adapter = new JSONFile<TrustFile>(file);
  }

  /** Whether the folder, with exactly this code, is trusted; and if it was trusted before, why it asks again. */
  async decide(folder: FolderIdentity, codeHash: string): Promise<TrustDecision> {
    const entries = await this.list();
    const here = entries.filter((entry) => entry.id === folder.id && entry.path === folder.realPath);
    if (here.some((entry) => entry.codeHash === codeHash)) return { trusted: true };
    if (here.some((entry) => entry.codeHash !== undefined))
      return { trusted: false, askAgain: 'code-changed' };
    if (entries.some((entry) => entry.id === folder.id && entry.codeHash === undefined))
      return { trusted: false, askAgain: 'older-trust' };
    return { trusted: false };
  }

  async isTrusted(folder: FolderIdentity, codeHash: string): Promise<boolean> {
    return (await this.decide(folder, codeHash)).trusted;
  }

  /** Most recently trusted first. */
  list(): Promise<TrustedFolder[]> {
    return this.serialised(() => this.read());
  }

  /** Trusts the folder at its real path with this code (trusting it again replaces the entry). */
  async trust(folder: FolderIdentity, codeHash: string, at = new Date()): Promise<TrustedFolder> {
    if (folder.id === '') throw new Error('A folder is trusted by its manifest id, and this one is empty');
    const entry: TrustedFolder = {
      id: folder.id,
      path: folder.realPath,
      codeHash,
      trustedAt: at.toISOString(),
    };
    await this.change((folders) => [entry, ...folders.filter((other) => !sameFolder(other, folder))]);
    return entry;
  }

  /** Forgets the trust; false when the folder was not trusted. */
  async revoke(folder: FolderIdentity): Promise<boolean> {
    let found = false;
    await this.change((folders) => {
      const kept = folders.filter((entry) => !sameFolder(entry, folder));
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

/** An entry about this folder: at its place, or an earlier Eventfold's entry for its id. */
function sameFolder(entry: TrustedFolder, folder: FolderIdentity): boolean {
  return entry.id === folder.id && (entry.path === folder.realPath || entry.codeHash === undefined);
}

function isTrustedFolder(value: unknown): value is TrustedFolder {
  const entry = value as Partial<TrustedFolder> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    entry.id !== '' &&
    typeof entry.path === 'string' &&
    (entry.codeHash === undefined || typeof entry.codeHash === 'string') &&
    typeof entry.trustedAt === 'string'
  );
}
