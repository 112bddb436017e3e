import { afterAll, afterEach, beforeAll } from 'vitest';
import { initEventFolder, type EventStore, type OpenOptions } from '../../../electron/store/index.js';
import { makeTempDir, removeDir, useTempFolders } from '../temp-folders.js';

/** Opens a store on an existing event folder, with a configuration's options; `overrides` win. */
export type OpenStore = (dir: string, overrides?: OpenOptions) => Promise<EventStore>;

export interface ContractSetup {
  /** Makes an empty directory an event folder. Default: `initEventFolder(dir)`. */
  readonly init?: (dir: string) => Promise<unknown>;
  /** The folder's segments are small enough to roll over and be sealed during the suite. */
  readonly smallSegments?: boolean;
}

/** What each part of the contract suite gets: fresh folders and stores that are cleaned up after each test. */
export interface ContractContext {
  readonly smallSegments: boolean;
  /** A new event folder with a store open on it. */
  fresh(overrides?: OpenOptions): Promise<{ dir: string; store: EventStore }>;
  /** A new, empty event folder (nothing open on it). */
  freshFolder(): Promise<string>;
  /** Another store on an existing folder, as this configuration opens them; closed after the test. */
  open(dir: string, overrides?: OpenOptions): Promise<EventStore>;
  /**
   * A folder and store that last for the whole describe block that calls this (in its body), for tests that
   * only read: `prepare` writes what they read, once.
   */
  useSuiteStore<T>(prepare: (store: EventStore) => Promise<T>): () => SuiteStore<T>;
}

export interface SuiteStore<T> {
  readonly dir: string;
  readonly store: EventStore;
  readonly prepared: T;
}

export function contractContext(openStore: OpenStore, setup: ContractSetup): ContractContext {
  const tempFolder = useTempFolders('eventfold-contract-');
  const opened: EventStore[] = [];
  afterEach(async () => {
    // Closing twice is allowed, so tests may close their stores themselves.
    for (const store of opened.splice(0)) await store.close();
  });
  const init = setup.init ?? ((dir: string) => initEventFolder(dir));
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
    useSuiteStore(prepare) {
      let suite: SuiteStore<Awaited<ReturnType<typeof prepare>>> | undefined;
      beforeAll(async () => {
        const dir = makeTempDir('eventfold-contract-');
        await init(dir);
        const store = await openStore(dir);
        suite = { dir, store, prepared: await prepare(store) };
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
