import path from 'node:path';
import { JournalSearch, storeEventFeed } from '../journal/search/index.js';
import { ProjectionHost } from '../projections/index.js';
import { openEventStore, type EventStore, type OpenOptions, type ScanProgress } from '../store/index.js';

/** One window's (or socket's) hold on an open folder; the store stays open while anyone holds it. */
export interface FolderLease {
  /** Absolute path of the folder. */
  readonly path: string;
  readonly store: EventStore;
  /** Indexing progress of a progressive open (nothing is reported once the index is complete). */
  onProgress(listener: (progress: ScanProgress) => void): () => void;
  /**
   * The folder's projections, shared like the store: the host is made on first use, and each projection
   * starts when its state is first asked for (the folder's own code only when `trusted` says so); all stop
   * with the store.
   */
  projections(trusted: () => Promise<boolean>): Promise<ProjectionHost>;
  /**
   * This holder trusted or distrusted the folder: its projections may start, or those started stop, and
   * every other holder of it hears of it (`onTrustChanged`) once they have.
   */
  trustChanged(trusted: boolean): Promise<void>;
  /**
   * The folder's journal search index, shared like the store: started (from its saved copy, catching up)
   * on first use, closed (and saved) with the store.
   */
  search(): Promise<JournalSearch>;
  /**
   * Another holder (window or socket) trusted or distrusted the folder; its `trustChanged` resolves once
   * every listener has. Returns the unsubscribe.
   */
  onTrustChanged(listener: TrustListener): () => void;
  release(): Promise<void>;
}

type TrustListener = (trusted: boolean) => Promise<void>;

interface OpenFolder {
  readonly opening: Promise<EventStore>;
  /** Set once opened: trust is keyed by the manifest id, which only the open store knows. */
  store?: EventStore;
  readonly progressListeners: Set<(progress: ScanProgress) => void>;
  /** Each listener with the lease that registered it, so the holder that decided is not told again. */
  readonly trustListeners: Map<TrustListener, object>;
  holders: number;
  projections?: Promise<ProjectionHost>;
  search?: Promise<JournalSearch>;
}

/**
 * One EventStore per folder path in this process, shared by every window and socket that shows it: a
 * second window on the same folder costs no second index, and sees appends from the first without the
 * file watcher. The store closes when its last holder releases it.
 */
export class FolderRegistry {
  private readonly folders = new Map<string, OpenFolder>();

  constructor(private readonly options: Omit<OpenOptions, 'progressive' | 'onProgress'> = {}) {}

  async acquire(folder: string): Promise<FolderLease> {
    const key = path.resolve(folder);
    let entry = this.folders.get(key);
    if (entry === undefined) {
      const listeners = new Set<(progress: ScanProgress) => void>();
      // A large folder opens at once and indexes in the background, so the page can show progress.
      const opening = openEventStore(key, {
        ...this.options,
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
    } catch (error) {
      entry.holders--;
      throw error;
    }
    return this.lease(key, entry, store);
  }

  private lease(key: string, entry: OpenFolder, store: EventStore): FolderLease {
    let released = false;
    // Who this lease is, for the trust listeners it registers.
    const holder = {};
    return {
      path: key,
      store,
      onProgress: (listener) => {
        entry.progressListeners.add(listener);
        return () => entry.progressListeners.delete(listener);
      },
      projections: async (trusted) => {
        entry.projections ??= trusted().then((trust) => ProjectionHost.open(store, { trusted: trust }));
        entry.projections.catch(() => (entry.projections = undefined));
        return entry.projections;
      },
      search: async () => {
        entry.search ??= JournalSearch.open(storeEventFeed(store));
        entry.search.catch(() => (entry.search = undefined));
        return entry.search;
      },
      trustChanged: (trusted) => this.trustChanged(store.manifest.id, trusted, holder),
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
        const search = entry.search;
        entry.search = undefined;
        await (await search?.catch(() => undefined))?.close();
        await store.close();
      },
    };
  }

  /**
   * Trust follows the manifest id, so a copy of the folder open at another path changed too: every open
   * folder with that id starts or stops its projections, then its holders other than `decidedBy` hear it.
   */
  private async trustChanged(folderId: string, trusted: boolean, decidedBy: object): Promise<void> {
    const changed = [...this.folders.values()].filter((entry) => entry.store?.manifest.id === folderId);
    await Promise.all(
      changed.map(async (entry) => (await entry.projections?.catch(() => undefined))?.setTrusted(trusted)),
    );
    const told = changed.flatMap((entry) =>
      [...entry.trustListeners].flatMap(([listener, holder]) =>
        holder === decidedBy ? [] : [listener(trusted)],
      ),
    );
    await Promise.all(told);
  }

  /** Folders open now (for tests and the shell's diagnostics). */
  get openFolders(): string[] {
    return [...this.folders.keys()];
  }
}
