import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectStoreError } from '../store-error-expectation.js';
import { readEverything } from '../read-everything.js';
import type { StoreContext } from './contract-context.js';

export function idempotentRetriesContract(context: StoreContext): void {
  describe('retrying an append (idempotence by event id)', () => {
    it('appending the same event id with the same content again succeeds without writing anything', async () => {
      const { store } = await context.fresh();
      const id = randomUUID();
      const event = { id, type: 'Placed', data: { total: 12.5, items: ['a', 'b'] }, meta: { user: 'ada' } };
      const first = await store.appendToStream('order-1', [event]);
      await store.appendToStream('order-2', [{ type: 'Other' }]);
      const retry = await store.appendToStream('order-1', [event]);
      expect(first.duplicate).toBe(false);
      expect(retry).toEqual({ firstPosition: 1, lastPosition: 1, nextExpectedRevision: 0, duplicate: true });
      expect(store.lastPosition).toBe(2);
      expect((await store.readStream('order-1')).events).toHaveLength(1);
    });

    it('a retry succeeds even when its expected revision is stale by now', async () => {
      const { store } = await context.fresh();
      const placed = { id: randomUUID(), type: 'Placed', data: { n: 1 } };
      const paid = { id: randomUUID(), type: 'Paid', data: { n: 2 } };
      await store.appendToStream('order-1', [placed], { expectedRevision: 'no-stream' });
      await store.appendToStream('order-1', [paid], { expectedRevision: 0 });
      await store.appendToStream('order-1', [{ type: 'Shipped' }], { expectedRevision: 1 });
      const retryPlaced = await store.appendToStream('order-1', [placed], { expectedRevision: 'no-stream' });
      const retryPaid = await store.appendToStream('order-1', [paid], { expectedRevision: 0 });
      expect(retryPlaced).toMatchObject({ firstPosition: 1, lastPosition: 1, duplicate: true });
      expect(retryPaid).toMatchObject({ firstPosition: 2, lastPosition: 2, duplicate: true });
      expect(retryPaid.nextExpectedRevision, 'the stream as it is now').toBe(2);
      expect(store.lastPosition).toBe(3);
    });

    it('retrying a multi-event append returns the positions it got the first time', async () => {
      const { store } = await context.fresh();
      await store.appendToStream('order-0', [{ type: 'Other' }]);
      const events = [
        { id: randomUUID(), type: 'A', data: { i: 1 } },
        { id: randomUUID(), type: 'B', data: { i: 2 } },
        { id: randomUUID(), type: 'C', data: { i: 3 } },
      ];
      const first = await store.appendToStream('order-1', events);
      const retry = await store.appendToStream('order-1', events, { expectedRevision: 'no-stream' });
      expect(first).toEqual({ firstPosition: 2, lastPosition: 4, nextExpectedRevision: 2, duplicate: false });
      expect(retry).toEqual({ firstPosition: 2, lastPosition: 4, nextExpectedRevision: 2, duplicate: true });
      expect(store.lastPosition).toBe(4);
    });

    it('the same id with different data, meta or type is refused as a duplicate id', async () => {
      const { store } = await context.fresh();
      const id = randomUUID();
      await store.appendToStream('order-1', [
        { id, type: 'Placed', data: { total: 1 }, meta: { by: 'ada' } },
      ]);
      const variants = [
        { id, type: 'Placed', data: { total: 2 }, meta: { by: 'ada' } },
        { id, type: 'Placed', data: { total: 1 }, meta: { by: 'bob' } },
        { id, type: 'Cancelled', data: { total: 1 }, meta: { by: 'ada' } },
      ];
      for (const variant of variants) {
        const error = await expectStoreError(store.appendToStream('order-1', [variant]), 'DuplicateEventId');
        expect(error.message).toContain(id);
        expect(error.message).toContain('different content');
      }
      expect(store.lastPosition).toBe(1);
    });

    it('a retry that repeats only part of an earlier append is refused and writes nothing', async () => {
      const { store } = await context.fresh();
      const a = { id: randomUUID(), type: 'A' };
      const b = { id: randomUUID(), type: 'B' };
      await store.appendToStream('order-1', [a, b]);
      await expectStoreError(
        store.appendToStream('order-1', [a, { id: randomUUID(), type: 'C' }]),
        'DuplicateEventId',
      );
      await expectStoreError(store.appendToStream('order-1', [{ type: 'C' }, b]), 'DuplicateEventId');
      expect(store.lastPosition).toBe(2);
    });

    it('an id given in upper case is the same id, and is read back in lower case', async () => {
      const { store } = await context.fresh();
      const id = randomUUID();
      await store.appendToStream('order-1', [{ id: id.toUpperCase(), type: 'Placed' }]);
      const retry = await store.appendToStream('order-1', [{ id, type: 'Placed' }]);
      expect(retry.duplicate).toBe(true);
      const { events } = await store.readStream('order-1');
      expect(events.map((event) => event.id)).toEqual([id]);
    });

    it('the same id in another stream is a different event', async () => {
      const { store } = await context.fresh();
      const id = randomUUID();
      await store.appendToStream('order-1', [{ id, type: 'Placed' }]);
      const other = await store.appendToStream('order-2', [{ id, type: 'Placed' }]);
      expect(other).toMatchObject({ firstPosition: 2, duplicate: false });
    });

    it('events appended without an id get a fresh UUID each, so repeating them appends again', async () => {
      const { store } = await context.fresh();
      await store.appendToStream('order-1', [{ type: 'Ping', data: { n: 1 } }]);
      await store.appendToStream('order-1', [{ type: 'Ping', data: { n: 1 } }]);
      const events = await readEverything(store);
      expect(events).toHaveLength(2);
      for (const event of events)
        expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(events[0]?.id).not.toBe(events[1]?.id);
    });

    it('the same append sent twice at the same moment is written once; both callers get its positions', async () => {
      const { store } = await context.fresh();
      const events = [
        { id: randomUUID(), type: 'A' },
        { id: randomUUID(), type: 'B' },
      ];
      const results = await Promise.all([
        store.appendToStream('order-1', events),
        store.appendToStream('order-1', events),
        store.appendToStream('order-1', events),
      ]);
      expect(results.map((result) => [result.firstPosition, result.lastPosition])).toEqual([
        [1, 2],
        [1, 2],
        [1, 2],
      ]);
      expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
      expect(store.lastPosition).toBe(2);
    });
    it('one append carrying the same id twice is refused as a duplicate id naming both events, and writes nothing', async () => {
      const stores = await context.storesWith(async (store) => {
        await store.appendToStream('order-0', [{ type: 'Before' }]);
      });
      for (const { how, store } of stores.filter((candidate) => !candidate.readOnly)) {
        const id = randomUUID();
        const clash = await expectStoreError(
          store.appendToStream('order-1', [
            { id, type: 'Placed', data: { total: 1 } },
            { type: 'Noted' },
            { id, type: 'Placed', data: { total: 2 } },
          ]),
          'DuplicateEventId',
        );
        expect(clash.message, how).toContain(`Events 1 and 3 of this append have the same id ${id}`);
        expect(clash.details).toMatchObject({ stream: 'order-1', id, events: [1, 3] });
        // The same content twice is no better: an id names one event of a stream.
        await expectStoreError(
          store.appendToStream('order-1', [
            { id, type: 'Placed' },
            { id: id.toUpperCase(), type: 'Placed' },
          ]),
          'DuplicateEventId',
        );
        // (Read, not lastPosition: after a progressive open that counts only what is indexed so far.)
        expect(await readEverything(store), how).toHaveLength(1);
        // The append put right goes in, and its retry is recognised.
        const fixed = [{ id, type: 'Placed', data: { total: 1 } }, { type: 'Noted' }];
        await store.appendToStream('order-1', fixed);
        expect(await store.appendToStream('order-1', [fixed[0]!])).toMatchObject({ duplicate: true });
        expect(await readEverything(store), how).toHaveLength(3);
      }
    });

    it('within one appendMany, an id used twice in a stream with different content is refused', async () => {
      const { store } = await context.fresh();
      const id = randomUUID();
      const inOneAppend = await expectStoreError(
        store.appendMany([
          {
            stream: 'order-1',
            events: [
              { id, type: 'A' },
              { id, type: 'B' },
            ],
          },
        ]),
        'DuplicateEventId',
      );
      expect(inOneAppend.message).toContain('Events 1 and 2 of this append');
      const acrossAppends = await expectStoreError(
        store.appendMany(
          [
            { stream: 'order-1', events: [{ id, type: 'A' }] },
            { stream: 'order-2', events: [{ id, type: 'A' }] },
            { stream: 'order-1', events: [{ id, type: 'B' }] },
          ],
          { atomic: true },
        ),
        'DuplicateEventId',
      );
      expect(acrossAppends.message).toContain('Append 3 of 3');
      expect(store.lastPosition).toBe(0);
    });
  });
}
