import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { testEventStoreContract } from './store-contract.js';

testEventStoreContract('default options', (dir, overrides) => openEventStore(dir, overrides));

testEventStoreContract('durability batched', (dir, overrides) =>
  openEventStore(dir, { durability: 'batched', ...overrides }),
);

testEventStoreContract('durability none', (dir, overrides) =>
  openEventStore(dir, { durability: 'none', ...overrides }),
);

testEventStoreContract('without the index cache', (dir, overrides) =>
  openEventStore(dir, { cache: false, ...overrides }),
);

// Segments of 2 KiB hold about ten events, so every test crosses segment boundaries and seals.
testEventStoreContract('tiny segments', (dir, overrides) => openEventStore(dir, overrides), {
  init: (dir) => initEventFolder(dir, { segmentSizeLimit: 2048 }),
  smallSegments: true,
});
