import { describe } from 'vitest';
import { categoryAndTypeReadsContract } from './contract/category-and-type-reads.js';
import { concurrentAppendsContract } from './contract/concurrent-appends.js';
import { contractContext, type ContractSetup, type OpenStore } from './contract/contract-context.js';
import { eventLimitsContract } from './contract/event-limits.js';
import { expectedRevisionContract } from './contract/expected-revision.js';
import { folderHealthContract } from './contract/folder-health.js';
import { idempotentRetriesContract } from './contract/idempotent-retries.js';
import { pagingContract } from './contract/paging.js';
import { reopeningContract } from './contract/reopening.js';
import { segmentsContract } from './contract/segments.js';
import { subscriptionsContract } from './contract/subscriptions.js';

export type { ContractSetup, OpenStore } from './contract/contract-context.js';

/**
 * The behaviour every way of opening an event folder must have (durability modes, with and without the
 * index cache, tiny segments): one suite, run once per configuration, so that no option quietly changes
 * what a caller sees.
 */
export function testEventStoreContract(name: string, openStore: OpenStore, setup: ContractSetup = {}): void {
  describe(`event store contract (${name})`, () => {
    const context = contractContext(openStore, setup);
    folderHealthContract(context);
    expectedRevisionContract(context);
    idempotentRetriesContract(context);
    concurrentAppendsContract(context);
    eventLimitsContract(context);
    pagingContract(context);
    categoryAndTypeReadsContract(context);
    reopeningContract(context);
    subscriptionsContract(context);
    if (context.smallSegments) segmentsContract(context);
  });
}
