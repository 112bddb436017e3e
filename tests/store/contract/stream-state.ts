import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../../shared/store-error.js';
import type { StoreContext } from './contract-context.js';

export function streamStateContract(context: StoreContext): void {
  describe("a page of a stream says the stream's current revision and whether it exists", () => {
    it('for a stream that does not exist: no-stream', async () => {
      const stores = await context.storesWith(async (store) => {
        await store.appendToStream('order-1', [{ type: 'Placed' }]);
      });
      for (const { how, store } of stores) {
        expect({ how, page: await store.readStream('order-2') }).toEqual({
          how,
          page: { events: [], next: null, streamExists: false, currentRevision: 'no-stream' },
        });
        expect(await store.readStream('order-2', { direction: 'backwards' })).toMatchObject({
          streamExists: false,
          currentRevision: 'no-stream',
        });
      }
    });

    it('for a stream that exists: its last revision, whatever part of it the page holds', async () => {
      const stores = await context.storesWith(async (store) => {
        for (let i = 0; i < 5; i++) {
          await store.appendToStream('order-1', [{ type: 'Step', data: { i } }]);
          await store.appendToStream('order-2', [{ type: 'Other' }]);
        }
      });
      for (const { how, store } of stores) {
        const first = await store.readStream('order-1', { limit: 2 });
        expect({ how, first: [first.streamExists, first.currentRevision, first.next] }).toEqual({
          how,
          first: [true, 4, 2],
        });
        const back = await store.readStream('order-1', { direction: 'backwards', fromRevision: 1 });
        expect([back.events.map((event) => event.revision), back.currentRevision]).toEqual([[1, 0], 4]);
        const past = await store.readStream('order-1', { fromRevision: 50 });
        expect(past).toEqual({ events: [], next: null, streamExists: true, currentRevision: 4 });
      }
    });

    it('the revision a page gives is the expected revision for the next append', async () => {
      const { store } = await context.fresh();
      const none = await store.readStream('account-1');
      await store.appendToStream('account-1', [{ type: 'Opened' }], {
        expectedRevision: none.currentRevision,
      });
      const opened = await store.readStream('account-1');
      expect(opened.currentRevision).toBe(0);
      await store.appendToStream('account-1', [{ type: 'Deposited' }], {
        expectedRevision: opened.currentRevision,
      });
      // A page read before that append is stale now: appending after it is refused.
      const stale = store.appendToStream('account-1', [{ type: 'Withdrawn' }], {
        expectedRevision: opened.currentRevision,
      });
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream('account-1')).currentRevision).toBe(1);
    });
  });
}
