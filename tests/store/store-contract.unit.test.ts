import { initEventFolder, MemoryEventStore, openEventStore } from '../../electron/store/index.js';
import { testEventStoreApiContract, testEventStoreContract } from './store-contract.js';

// A fresh folder opens cold (there is nothing to cache yet); the parts that open a written folder again
// (reopening, storesWith) open it warm from the index cache written at close.
testEventStoreContract('default options: cold, then warm from the index cache', (dir, overrides) =>
  openEventStore(dir, overrides),
);

testEventStoreContract('durability batched', (dir, overrides) =>
  openEventStore(dir, { durability: 'batched', ...overrides }),
);

testEventStoreContract('durability none', (dir, overrides) =>
  openEventStore(dir, { durability: 'none', ...overrides }),
);

testEventStoreContract('without the index cache: every open scans the log', (dir, overrides) =>
  openEventStore(dir, { cache: false, ...overrides }),
);

// Without the cache every open is a scan, and a progressive open returns while it is still under way.
testEventStoreContract('progressive open', (dir, overrides) =>
  openEventStore(dir, { progressive: true, cache: false, ...overrides }),
);

// Folders written by the suite are read through a store opened read-only.
testEventStoreContract('read-only readers', (dir, overrides) => openEventStore(dir, overrides), {
  openToRead: (dir, overrides) => openEventStore(dir, { readOnly: true, ...overrides }),
});

// Segments of 2 KiB hold about ten events, so every test crosses segment boundaries and seals.
testEventStoreContract('tiny segments', (dir, overrides) => openEventStore(dir, overrides), {
  init: (dir) => initEventFolder(dir, { segmentSizeLimit: 2048 }),
  smallSegments: true,
});

testEventStoreApiContract('in memory', () => new MemoryEventStore());
