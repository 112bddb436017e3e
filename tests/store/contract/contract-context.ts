import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  initEventFolder,
  type EventStore,
  type EventStoreApi,
  type OpenOptions,
} from '../../../electron/store/index.js';
import { makeTempDir, removeDir, useTempFolders } from '../temp-folders.js';

/** Opens a store on an existing event folder, with a configuration's options; `overrides` win. */
export type OpenStore = (dir: string, overrides?: OpenOptions) => Promise<EventStore>;

export interface ContractSetup {
  /** Makes an empty directory an event folder. Default: `initEventFolder(dir)`. */
  readonly init?: (dir: string) => Promise<unknown>;
  /** The folder's segments are small enough to roll over and be sealed during the suite. */
  readonly smallSegments?: boolean;
  /**
   * How a folder the suite wrote is opened again by the parts that only read it (paging, category reads,
   * stream revisions). Default: as the configuration opens folders. The read-only configuration sets it.
   */
  readonly openToRead?: OpenStore;
}

/** A store holding what a test wrote, and how it was got. */
export interface StoreWith<S extends EventStoreApi> {
  /** 'as written' (the store that appended, holding the write lease), or how it was opened again. */
  readonly how: string;
  readonly store: S;
  /** Opened read-only: reads only. */
  readonly readOnly: boolean;
}

/**
 * What the parts of the suite that hold for every event store get (EventStoreApi: the folder store in each
 * configuration, and the in-memory store).
 */
export interface StoreContext<S extends EventStoreApi = EventStoreApi> {
  /** A new, empty store, closed after the test. */
  fresh(): Promise<{ store: S }>;
  /**
   * A store that lasts for the whole describe block that calls this (in its body), for tests that only
   * read: `prepare` writes what they read, once.
   */
  useSuiteStore<T>(prepare: (store: S) => Promise<T>): () => SuiteStore<T, S>;
  /**
   * What `write` appended to a fresh store, in every way this configuration can hold it: the store that
   * wrote it, and for folders the folder opened again after closing it (from the index cache, or scanned,
   * or progressively, or read-only, as the configuration opens folders).
   */
  storesWith(write: (store: S) => Promise<void>): Promise<StoreWith<S>[]>;
}

/** The folder-only parts (health, reopening, segments, a second store on one folder) get folders too. */
export interface ContractContext extends StoreContext<EventStore> {
  readonly smallSegments: boolean;
  /** A new event folder with a store open on it. */
  fresh(overrides?: OpenOptions): Promise<{ dir: string; store: EventStore }>;
  /** A new, empty event folder (nothing open on it). */
  freshFolder(): Promise<string>;
  /** Another store on an existing folder, as this configuration opens them; closed after the test. */
  open(dir: string, overrides?: OpenOptions): Promise<EventStore>;
}

export interface SuiteStore<T, S extends EventStoreApi = EventStore> {
  readonly store: S;
  readonly prepared: T;
}

export function contractContext(openStore: OpenStore, setup: ContractSetup): ContractContext {
  const tempFolder = useTempFolders('eventfold-contract-');
  const opened: EventStoreApi[] = [];
  afterEach(async () => {
    // Closing twice is allowed, so tests may close their stores themselves.
    for (const store of opened.splice(0)) await store.close();
  });
  const init = setup.init ?? ((dir: string) => initEventFolder(dir));
  const openToRead = setup.openToRead;
  const context: ContractContext = {
    smallSegments: setup.smallSegments ?? false,
    async freshFolder() {
      const dir = tempFolder();
      await init(dir);
      return dir;
    },
    async fresh(overrides) {
      const dir = await context.freshFolder();
      return { dir, store: await context.open(dir, overrides) };
    },
    async open(dir, overrides) {
      const store = await openStore(dir, overrides);
      opened.push(store);
      return store;
    },
    async storesWith(write) {
      const { store } = await context.fresh();
      await write(store);
      // The same history in a second folder, closed (which writes the index cache) and opened again.
      const { dir, store: writer } = await context.fresh();
      await write(writer);
      await writer.close();
      const again = await (openToRead ?? openStore)(dir);
      opened.push(again);
      return [
        { how: 'as written', store, readOnly: false },
        {
          how: openToRead === undefined ? 'opened again' : 'opened again to read',
          store: again,
          readOnly: openToRead !== undefined,
        },
      ];
    },
    useSuiteStore(prepare) {
      let suite:
        { dir: string; store: EventStore; prepared: Awaited<ReturnType<typeof prepare>> } | undefined;
      beforeAll(async () => {
        const dir = makeTempDir('eventfold-contract-');
        await init(dir);
        let store = await openStore(dir);
        const prepared = await prepare(store);
        if (openToRead !== undefined) {
          await store.close();
          store = await openToRead(dir);
        }
        suite = { dir, store, prepared };
      });
      afterAll(async () => {
        await suite?.store.close();
        if (suite !== undefined) removeDir(suite.dir);
      });
      return () => {
        if (suite === undefined)
          throw new Error('The suite store is set up in beforeAll; use it inside tests');
        return suite;
      };
    },
  };
  return context;
}

/** The context of a store kept in memory: fresh stores only, nothing to reopen. */
export function memoryContext(create: () => EventStoreApi): StoreContext {
  const opened: EventStoreApi[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  const fresh = (): EventStoreApi => {
    const store = create();
    opened.push(store);
    return store;
  };
  return {
    fresh: () => Promise.resolve({ store: fresh() }),
    async storesWith(write) {
      const store = fresh();
      await write(store);
      return [{ how: 'as written', store, readOnly: false }];
    },
    useSuiteStore(prepare) {
      let suite: SuiteStore<Awaited<ReturnType<typeof prepare>>, EventStoreApi> | undefined;
      beforeAll(async () => {
        const store = create();
        suite = { store, prepared: await prepare(store) };
      });
      afterAll(async () => {
        await suite?.store.close();
      });
      return () => {
        if (suite === undefined)
          throw new Error('The suite store is set up in beforeAll; use it inside tests');
        return suite;
      };
    },
  };
}
