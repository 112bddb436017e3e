import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError, type StoreError } from '../../../shared/store-error.js';
import { AppendManyError, type StreamAppend } from '../../../electron/store/index.js';
import { readEverything } from '../read-everything.js';
import { expectStoreError } from '../store-error-expectation.js';
import type { StoreContext } from './contract-context.js';

const summary = (events: readonly { position: number; stream: string; revision: number; type: string }[]) =>
  events.map((event) => `${event.position} ${event.stream}@${event.revision} ${event.type}`);

async function expectAppendManyError(
  action: Promise<unknown>,
  code: StoreError['code'],
): Promise<AppendManyError> {
  const error = await expectStoreError(action, code);
  expect(error).toBeInstanceOf(AppendManyError);
  return error as AppendManyError;
}

export function appendManyContract(context: StoreContext): void {
  describe('appending to several streams at once (appendMany)', () => {
    it('keeps the order given across streams: positions follow it', async () => {
      const { store } = await context.fresh();
      const results = await store.appendMany([
        { stream: 'cart-1', events: [{ type: 'Opened' }] },
        { stream: 'cart-2', events: [{ type: 'Opened' }] },
        { stream: 'cart-1', events: [{ type: 'Added' }, { type: 'Added' }], expectedRevision: 0 },
        { stream: 'cart-2', events: [{ type: 'Closed' }], expectedRevision: 'exists' },
      ]);
      expect(results).toEqual([
        { firstPosition: 1, lastPosition: 1, nextExpectedRevision: 0, duplicate: false },
        { firstPosition: 2, lastPosition: 2, nextExpectedRevision: 0, duplicate: false },
        { firstPosition: 3, lastPosition: 4, nextExpectedRevision: 2, duplicate: false },
        { firstPosition: 5, lastPosition: 5, nextExpectedRevision: 1, duplicate: false },
      ]);
      expect(summary(await readEverything(store))).toEqual([
        '1 cart-1@0 Opened',
        '2 cart-2@0 Opened',
        '3 cart-1@1 Added',
        '4 cart-1@2 Added',
        '5 cart-2@1 Closed',
      ]);
    });

    it('stops at the first append that fails: those before it are stored, it and those after are not', async () => {
      const { store } = await context.fresh();
      await store.appendToStream('cart-9', [{ type: 'Opened' }]);
      const error = await expectAppendManyError(
        store.appendMany([
          { stream: 'cart-1', events: [{ type: 'Opened' }] },
          { stream: 'cart-2', events: [{ type: 'Opened' }] },
          { stream: 'cart-9', events: [{ type: 'Opened' }], expectedRevision: 'no-stream' },
          { stream: 'cart-3', events: [{ type: 'Opened' }] },
        ]),
        'WrongExpectedRevision',
      );
      expect(error.failedAt).toBe(2);
      expect(error.stream).toBe('cart-9');
      expect(error.appended.map((result) => result.firstPosition)).toEqual([2, 3]);
      expect(error.cause).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error.message).toBe(
        'Append 3 of 4 (stream "cart-9") failed: Wrong expected revision for stream "cart-9": expected ' +
          'no-stream, actual 0; the 2 appends before it were stored, none after it',
      );
      expect(summary(await readEverything(store))).toEqual([
        '1 cart-9@0 Opened',
        '2 cart-1@0 Opened',
        '3 cart-2@0 Opened',
      ]);
    });

    it('atomic: all of it or none of it, across streams', async () => {
      const { store } = await context.fresh();
      await store.appendToStream('cart-9', [{ type: 'Opened' }]);
      const appends: StreamAppend[] = [
        { stream: 'cart-1', events: [{ type: 'Opened' }, { type: 'Added' }] },
        { stream: 'cart-2', events: [{ type: 'Opened' }] },
        { stream: 'cart-9', events: [{ type: 'Closed' }], expectedRevision: 5 },
      ];
      const error = await expectAppendManyError(
        store.appendMany(appends, { atomic: true }),
        'WrongExpectedRevision',
      );
      expect(error.failedAt).toBe(2);
      expect(error.appended).toEqual([]);
      expect(error.message).toContain('nothing was appended (atomic)');
      expect(store.lastPosition).toBe(1);
      expect(store.streams().map((info) => info.stream)).toEqual(['cart-9']);
      // Put right, the same appends go in whole, and a later append follows them.
      const results = await store.appendMany(
        appends.map((append) => (append.stream === 'cart-9' ? { ...append, expectedRevision: 0 } : append)),
        { atomic: true },
      );
      expect(results.map((result) => [result.firstPosition, result.lastPosition])).toEqual([
        [2, 3],
        [4, 4],
        [5, 5],
      ]);
      await store.appendToStream('cart-2', [{ type: 'Closed' }], { expectedRevision: 0 });
      expect(summary(await readEverything(store)).slice(1)).toEqual([
        '2 cart-1@0 Opened',
        '3 cart-1@1 Added',
        '4 cart-2@0 Opened',
        '5 cart-9@1 Closed',
        '6 cart-2@1 Closed',
      ]);
    });

    it('an atomic append across streams reads back whole wherever the store is opened', async () => {
      const stores = await context.storesWith(async (store) => {
        await store.appendToStream('cart-0', [{ type: 'Before' }]);
        await store.appendMany(
          Array.from({ length: 30 }, (_, i) => ({
            stream: `cart-${i % 3}`,
            events: [{ type: 'Imported', data: { i } }],
          })),
          { atomic: true },
        );
        await store.appendToStream('cart-0', [{ type: 'After' }]);
      });
      for (const { how, store } of stores) {
        const events = await readEverything(store);
        expect({ how, positions: events.map((event) => event.position) }).toEqual({
          how,
          positions: Array.from({ length: 32 }, (_, i) => i + 1),
        });
        expect(events.slice(1, 31).map((event) => (event.data as { i: number }).i)).toEqual(
          Array.from({ length: 30 }, (_, i) => i),
        );
        expect(store.streams().map((info) => [info.stream, info.events])).toEqual([
          ['cart-0', 12],
          ['cart-1', 10],
          ['cart-2', 10],
        ]);
      }
    });

    it('a bad event stops the appends at its own, naming it; atomic, nothing is stored', async () => {
      const { store } = await context.fresh();
      const appends: StreamAppend[] = [
        { stream: 'cart-1', events: [{ type: 'Opened' }] },
        { stream: 'cart-2', events: [{ type: 'Opened' }] },
        { stream: 'cart-3', events: [{ type: 'Opened' }, { type: '' }] },
        { stream: 'cart-4', events: [{ type: 'Opened' }] },
      ];
      const atomic = await expectAppendManyError(store.appendMany(appends, { atomic: true }), 'InvalidEvent');
      expect(atomic.message).toContain('Append 3 of 4, event 2 of 2: event type must be a non-empty string');
      expect(store.lastPosition).toBe(0);
      const ordered = await expectAppendManyError(store.appendMany(appends), 'InvalidEvent');
      expect(ordered.failedAt).toBe(2);
      expect(ordered.appended).toHaveLength(2);
      expect(summary(await readEverything(store))).toEqual(['1 cart-1@0 Opened', '2 cart-2@0 Opened']);
      const badStream = await expectAppendManyError(
        store.appendMany([{ stream: '', events: [{ type: 'Opened' }] }]),
        'InvalidEvent',
      );
      expect(badStream.message).toContain('Append 1 of 1: Stream id must be a non-empty string');
    });

    it('run again with the same ids, it stores nothing twice (an interrupted import can be resumed)', async () => {
      const { store } = await context.fresh();
      const appends: StreamAppend[] = Array.from({ length: 6 }, (_, i) => ({
        stream: `cart-${i % 2}`,
        events: [
          { id: randomUUID(), type: 'Added', data: { i } },
          { id: randomUUID(), type: 'AddedToo', data: { i } },
        ],
      }));
      // The first run was cut short after four appends.
      await store.appendMany(appends.slice(0, 4));
      const resumed = await store.appendMany(appends);
      expect(resumed.map((result) => result.duplicate)).toEqual([true, true, true, true, false, false]);
      expect(resumed.map((result) => result.firstPosition)).toEqual([1, 3, 5, 7, 9, 11]);
      expect(store.lastPosition).toBe(12);
      const again = await store.appendMany(appends, { atomic: true });
      expect(again.every((result) => result.duplicate)).toBe(true);
      expect(store.lastPosition).toBe(12);
    });

    it('an empty list appends nothing', async () => {
      const { store } = await context.fresh();
      expect(await store.appendMany([])).toEqual([]);
      expect(await store.appendMany([], { atomic: true })).toEqual([]);
      expect(store.lastPosition).toBe(0);
    });
  });
}
