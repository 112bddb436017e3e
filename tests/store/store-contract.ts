import { describe } from 'vitest';
import type { EventStoreApi } from '../../electron/store/index.js';
import { appendManyContract } from './contract/append-many.js';
import { categoryAndTypeReadsContract } from './contract/category-and-type-reads.js';
import { concurrentAppendsContract } from './contract/concurrent-appends.js';
import {
  contractContext,
  memoryContext,
  type ContractSetup,
  type OpenStore,
  type StoreContext,
} from './contract/contract-context.js';
import { eventLimitsContract } from './contract/event-limits.js';
import { expectedRevisionContract } from './contract/expected-revision.js';
import { folderHealthContract } from './contract/folder-health.js';
import { idempotentRetriesContract } from './contract/idempotent-retries.js';
import { iteratedReadsContract } from './contract/iterated-reads.js';
import { pagingContract } from './contract/paging.js';
import { reopeningContract } from './contract/reopening.js';
import { segmentsContract } from './contract/segments.js';
import { streamStateContract } from './contract/stream-state.js';
import { subscriptionsContract } from './contract/subscriptions.js';
import { watchingContract } from './contract/watching.js';

export type { ContractSetup, OpenStore } from './contract/contract-context.js';

/** What every event store must do, folder or memory (EventStoreApi). */
function storeApiContract(context: StoreContext): void {
  expectedRevisionContract(context);
  idempotentRetriesContract(context);
  concurrentAppendsContract(context);
  appendManyContract(context);
  eventLimitsContract(context);
  pagingContract(context);
  streamStateContract(context);
  iteratedReadsContract(context);
  categoryAndTypeReadsContract(context);
  subscriptionsContract(context);
}

/**
 * The behaviour every way of opening an event folder must have (durability modes, with and without the
 * index cache, progressive, read-only readers, tiny segments): one suite, run once per configuration, so
 * that no option quietly changes what a caller sees.
 */
export function testEventStoreContract(name: string, openStore: OpenStore, setup: ContractSetup = {}): void {
  describe(`event store contract (${name})`, () => {
    const context = contractContext(openStore, setup);
    storeApiContract(context);
    folderHealthContract(context);
    reopeningContract(context);
    watchingContract(context);
    if (context.smallSegments) segmentsContract(context);
  });
}

/** The same suite for a store that is not a folder: everything but what only folders have. */
export function testEventStoreApiContract(name: string, create: () => EventStoreApi): void {
  describe(`event store contract (${name})`, () => {
    storeApiContract(memoryContext(create));
  });
}
