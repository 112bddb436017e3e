import fs from 'node:fs/promises';
import path from 'node:path';
import type { TrustStatus } from '../../shared/contract.js';
import {
  ProjectionHost,
  type SandboxPool,
  type TrustCheck,
  type WorkerLimits,
} from '../projections/index.js';
import type { FolderIdentity } from '../projections/trust/index.js';
import { OpenJournal } from '../journal/index.js';
import { JournalSearch, storeEventFeed } from '../journal/search/index.js';
import { openEventStore, type EventStore, type OpenOptions, type ScanProgress } from '../store/index.js';

/** One window's (or socket's) hold on an open folder; the store stays open while anyone holds it. */
export interface FolderLease {
  /** Absolute path of the folder. */
  readonly path: string;
  readonly store: EventStore;
  /** What trust is keyed on: the manifest id and the real path (with a hash of the code, per decision). */
  readonly identity: FolderIdentity;
  /** Indexing progress of a progressive open (nothing is reported once the index is complete). */
  onProgress(listener: (progress: ScanProgress) => void): () => void;
  /**
   * The folder's projections, shared like the store: the host is made on first use, and each projection
   * starts when its state is first asked for (the folder's own code only when `trusted` says so, asked
   * about the files as the host reads them); all stop with the store.
   */
  projections(trusted: TrustCheck): Promise<ProjectionHost>;
  /**
   * The folder's journal (views, commands, attachments), shared like the store: made on first use; its
   * views start catching up when first asked, and stop with the store.
   */
  journal(): OpenJournal;
  /**
   * This holder trusted or distrusted the folder: its projections may start, or those started stop, and
   * every other holder of it hears of it (`onTrustChanged`) once they have.
   */
  trustChanged(status: TrustStatus): Promise<void>;
  /**
   * The folder's journal search index, shared like the store: started (from its saved copy, catching up)
   * on first use, closed (and saved) with the store.
   */
  search(): Promise<JournalSearch>;
  /**
   * Another holder (window or socket) trusted or distrusted the folder, or its projection code changed
   * and it asks for trust again; its `trustChanged` resolves once every listener has. Returns the
   * unsubscribe.
   */
  onTrustChanged(listener: TrustListener): () => void;
  release(): Promise<void>;
}

type TrustListener = (status: TrustStatus) => Promise<void>;

interface OpenFolder {
  readonly opening: Promise<EventStore>;
  /** Set once opened: trust is keyed by the manifest id, which only the open store knows. */
  store?: EventStore;
  realPath?: string;
  readonly progressListeners: Set<(progress: ScanProgress) => void>;
  /** Each listener with the lease that registered it, so the holder that decided is not told again. */
  readonly trustListeners: Map<TrustListener, object>;
  holders: number;
  projections?: Promise<ProjectionHost>;
  journal?: OpenJournal;
  search?: Promise<JournalSearch>;
}

export interface RegistryOptions extends Omit<OpenOptions, 'progressive' | 'onProgress'> {
  /**
   * Where projections get their sandbox processes: the desktop app gives a pool over Electron's utility
   * processes (the main process never runs projection code); by default Node child processes.
   */
  readonly sandbox?: SandboxPool;
  /** Limits of every projection and what-if run (default: WorkerLimits' defaults). */
  readonly projectionLimits?: Omit<WorkerLimits, 'sandbox'>;
}

/**
 * One EventStore per folder path in this process, shared by every window and socket that shows it: a
 * second window on the same folder costs no second index, and sees appends from the first without the
 * file watcher. The store closes when its last holder releases it.
 */
export class FolderRegistry {
  private readonly folders = new Map<string, OpenFolder>();

  constructor(private readonly options: RegistryOptions = {}) {}

  /** What this registry's projections and what-if runs are started with: their sandbox pool and limits. */
  get projectionOptions(): WorkerLimits {
    const { sandbox, projectionLimits } = this.options;
    return { ...projectionLimits, ...(sandbox === undefined ? {} : { sandbox }) };
  }

  async acquire(folder: string): Promise<FolderLease> {
    const key = path.resolve(folder);
    let entry = this.folders.get(key);
    if (entry === undefined) {
      const listeners = new Set<(progress: ScanProgress) => void>();
      const { sandbox: _sandbox, projectionLimits: _limits, ...openOptions } = this.options;
      // A large folder opens at once and indexes in the background, so the page can show progress.
      const opening = openEventStore(key, {
        ...openOptions,
        progressive: true,
        onProgress: (progress) => {
          for (const listener of listeners) listener(progress);
        },
      });
      const created: OpenFolder = {
        opening,
        progressListeners: listeners,
        trustListeners: new Map(),
        holders: 0,
      };
      entry = created;
      this.folders.set(key, created);
      opening.catch(() => {
        if (this.folders.get(key) === created) this.folders.delete(key);
      });
    }
    entry.holders++;
    let store: EventStore;
    try {
      store = await entry.opening;
      entry.store = store;
      entry.realPath ??= await fs.realpath(key);
    } catch (error) {
      entry.holders--;
      throw error;
    }
    return this.lease(key, entry, store, { id: store.manifest.id, realPath: entry.realPath ?? key });
  }

  private lease(key: string, entry: OpenFolder, store: EventStore, identity: FolderIdentity): FolderLease {
    let released = false;
    // Who this lease is, for the trust listeners it registers.
    const holder = {};
    return {
      path: key,
      store,
      identity,
      onProgress: (listener) => {
        entry.progressListeners.add(listener);
        return () => entry.progressListeners.delete(listener);
      },
      projections: async (trusted) => {
        entry.projections ??= ProjectionHost.open(store, { trusted, ...this.projectionOptions }).then(
          (host) => {
            // The code changed under a trusted folder (or back): every holder hears, and the page asks again.
            host.onTrustChanged((decision, files) => {
              const status: TrustStatus = {
                trusted: decision.trusted,
                projections: files.files.length + files.unreadable.length,
                ...(decision.askAgain === undefined ? {} : { askAgain: decision.askAgain }),
              };
              for (const listener of entry.trustListeners.keys()) void listener(status);
            });
            return host;
          },
        );
        entry.projections.catch(() => (entry.projections = undefined));
        return entry.projections;
      },
      journal: () => {
        if (released) throw new Error(`The folder ${key} was released by this holder`);
        entry.journal ??= new OpenJournal(store);
        return entry.journal;
      },
      search: async () => {
        if (released) throw new Error(`The folder ${key} was released by this holder`);
        entry.search ??= JournalSearch.open(storeEventFeed(store));
        entry.search.catch(() => (entry.search = undefined));
        return entry.search;
      },
      trustChanged: (status) => this.trustChanged(identity, status, holder),
      onTrustChanged: (listener) => {
        entry.trustListeners.set(listener, holder);
        return () => entry.trustListeners.delete(listener);
      },
      release: async () => {
        if (released) return;
        released = true;
        entry.holders--;
        if (entry.holders > 0) return;
        if (this.folders.get(key) === entry) this.folders.delete(key);
        const projections = entry.projections;
        entry.projections = undefined;
        await (await projections?.catch(() => undefined))?.close();
        const journal = entry.journal;
        entry.journal = undefined;
        await journal?.close();
        const search = entry.search;
        entry.search = undefined;
        await (await search?.catch(() => undefined))?.close();
        await store.close();
      },
    };
  }

  /**
   * Trust is for a folder at its real path with its id, so the same folder open under another path (a
   * link to it) changed too: every open folder that is it starts or stops its projections, then its
   * holders other than `decidedBy` hear it.
   */
  private async trustChanged(folder: FolderIdentity, status: TrustStatus, decidedBy: object): Promise<void> {
    const changed = [...this.folders.values()].filter(
      (entry) => entry.store?.manifest.id === folder.id && entry.realPath === folder.realPath,
    );
    await Promise.all(
      changed.map(async (entry) =>
        (await entry.projections?.catch(() => undefined))?.setTrusted(status.trusted),
      ),
    );
    const told = changed.flatMap((entry) =>
      [...entry.trustListeners].flatMap(([listener, holder]) =>
        holder === decidedBy ? [] : [listener(status)],
      ),
    );
    await Promise.all(told);
  }

  /**
   * The journal of an open folder by its manifest id (a copy open at two paths has the same attachments,
   * so either will do), for serving attachments to the pages that show it; undefined when none is open.
   */
  journalById(folderId: string): OpenJournal | undefined {
    for (const entry of this.folders.values()) {
      if (entry.store?.manifest.id !== folderId || entry.holders === 0) continue;
      entry.journal ??= new OpenJournal(entry.store);
      return entry.journal;
    }
    return undefined;
  }

  /** Folders open now (for tests and the shell's diagnostics). */
  get openFolders(): string[] {
    return [...this.folders.keys()];
  }
}
