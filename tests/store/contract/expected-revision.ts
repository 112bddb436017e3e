import { describe, expect, it } from 'vitest';
import type { ExpectedRevision } from '../../../shared/event.js';
import { WrongExpectedRevisionError } from '../../../shared/store-error.js';
import type { EventStoreApi } from '../../../electron/store/index.js';
import { expectStoreError } from '../store-error-expectation.js';
import { readEverything } from '../read-everything.js';
import type { StoreContext } from './contract-context.js';

/** A stream with `events` events (revisions 0 .. events-1). */
async function streamWith(store: EventStoreApi, stream: string, events: number): Promise<void> {
  for (let i = 0; i < events; i++) await store.appendToStream(stream, [{ type: 'Noted', data: { i } }]);
}

async function expectConflict(
  store: EventStoreApi,
  stream: string,
  expected: ExpectedRevision,
  actual: number | 'no-stream',
): Promise<void> {
  const before = await readEverything(store);
  const error = await expectStoreError(
    store.appendToStream(stream, [{ type: 'Noted', data: { late: true } }], { expectedRevision: expected }),
    'WrongExpectedRevision',
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const conflict = error as WrongExpectedRevisionError;
  expect(conflict.stream).toBe(stream);
  expect(conflict.expected).toBe(expected);
  expect(conflict.actual).toBe(actual);
  expect(conflict.message).toContain(`expected ${String(expected)}, actual ${String(actual)}`);
  expect(conflict.message).toContain(stream);
  expect(await readEverything(store), 'a refused append writes nothing').toEqual(before);
}

export function expectedRevisionContract(context: StoreContext): void {
  describe('appending with an expected revision', () => {
    it("'no-stream' creates a new stream", async () => {
      const { store } = await context.fresh();
      const result = await store.appendToStream('order-1', [{ type: 'Placed' }], {
        expectedRevision: 'no-stream',
      });
      expect(result).toEqual({
        firstPosition: 1,
        lastPosition: 1,
        nextExpectedRevision: 0,
        duplicate: false,
      });
    });

    it("'no-stream' is refused when the stream has events, naming its last revision", async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-1', 1);
      await expectConflict(store, 'order-1', 'no-stream', 0);
    });

    it("'exists' is refused for a stream without events", async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-2', 1);
      await expectConflict(store, 'order-1', 'exists', 'no-stream');
    });

    it("'exists' appends to a stream that has events", async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-1', 2);
      const result = await store.appendToStream('order-1', [{ type: 'Shipped' }], {
        expectedRevision: 'exists',
      });
      expect(result.nextExpectedRevision).toBe(2);
      expect(result.firstPosition).toBe(3);
    });

    it('the last revision as a number appends, and the result gives the next one to expect', async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-1', 2);
      const first = await store.appendToStream('order-1', [{ type: 'Paid' }, { type: 'Shipped' }], {
        expectedRevision: 1,
      });
      expect(first).toEqual({ firstPosition: 3, lastPosition: 4, nextExpectedRevision: 3, duplicate: false });
      const second = await store.appendToStream('order-1', [{ type: 'Delivered' }], {
        expectedRevision: first.nextExpectedRevision,
      });
      expect(second.nextExpectedRevision).toBe(4);
    });

    it('a number that is not the last revision is refused, naming expected and actual', async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-1', 2);
      await expectConflict(store, 'order-1', 0, 1);
      await expectConflict(store, 'order-1', 2, 1);
      await expectConflict(store, 'order-1', 7, 1);
    });

    it('a number for a stream without events is refused with actual no-stream', async () => {
      const { store } = await context.fresh();
      await expectConflict(store, 'order-1', 0, 'no-stream');
    });

    it("'any' appends to new and existing streams alike, and is the default", async () => {
      const { store } = await context.fresh();
      await store.appendToStream('order-1', [{ type: 'Placed' }], { expectedRevision: 'any' });
      await store.appendToStream('order-1', [{ type: 'Paid' }], { expectedRevision: 'any' });
      await store.appendToStream('order-1', [{ type: 'Shipped' }]);
      const { events } = await store.readStream('order-1');
      expect(events.map((event) => [event.revision, event.type])).toEqual([
        [0, 'Placed'],
        [1, 'Paid'],
        [2, 'Shipped'],
      ]);
    });

    it('an expectation about one stream ignores the others', async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-1', 3);
      await store.appendToStream('order-2', [{ type: 'Placed' }], { expectedRevision: 'no-stream' });
      await store.appendToStream('order-2', [{ type: 'Paid' }], { expectedRevision: 0 });
      expect((await store.readStream('order-2')).events.map((event) => event.position)).toEqual([4, 5]);
    });

    it('an expected revision that is not a revision is refused as an invalid argument', async () => {
      const { store } = await context.fresh();
      for (const bad of [-1, 1.5, Number.NaN, 'latest', '3']) {
        const error = await expectStoreError(
          store.appendToStream('order-1', [{ type: 'Placed' }], {
            expectedRevision: bad as ExpectedRevision,
          }),
          'InvalidArgument',
        );
        expect(error.message).toContain('Expected revision');
      }
      expect(store.lastPosition).toBe(0);
    });
  });

  describe('appends are all or nothing', () => {
    it('a multi-event append refused for its expected revision writes none of its events', async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-1', 1);
      await expectStoreError(
        store.appendToStream('order-1', [{ type: 'A' }, { type: 'B' }, { type: 'C' }], {
          expectedRevision: 5,
        }),
        'WrongExpectedRevision',
      );
      expect(store.lastPosition).toBe(1);
      expect((await store.readStream('order-1')).events).toHaveLength(1);
    });

    it('a multi-event append with one invalid event writes none of them, and says which one', async () => {
      const { store } = await context.fresh();
      const error = await expectStoreError(
        store.appendToStream('order-1', [
          { type: 'A' },
          { type: 'B' },
          { type: 'C', data: { n: Number.NaN } },
        ]),
        'InvalidEvent',
      );
      expect(error.message).toContain('Event 3 of 3');
      await expectStoreError(
        store.appendToStream('order-1', [{ type: 'A' }, { type: '' }, { type: 'C' }]),
        'InvalidEvent',
      );
      await expectStoreError(
        store.appendToStream('order-1', [{ type: 'A' }, { type: 'B', data: 'x'.repeat(1024 * 1024) }]),
        'EventTooLarge',
      );
      expect(store.lastPosition).toBe(0);
      expect(store.streams()).toEqual([]);
    });

    it("a multi-event append's events get consecutive positions and revisions", async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-1', 1);
      const result = await store.appendToStream('order-2', [{ type: 'A' }, { type: 'B' }, { type: 'C' }]);
      expect(result).toEqual({
        firstPosition: 2,
        lastPosition: 4,
        nextExpectedRevision: 2,
        duplicate: false,
      });
      const { events } = await store.readStream('order-2');
      expect(events.map((event) => [event.position, event.revision, event.type])).toEqual([
        [2, 0, 'A'],
        [3, 1, 'B'],
        [4, 2, 'C'],
      ]);
    });

    it('an append with no events is refused', async () => {
      const { store } = await context.fresh();
      await expectStoreError(store.appendToStream('order-1', []), 'InvalidArgument');
      expect(store.lastPosition).toBe(0);
    });

    it('among appends made at the same moment, a refused one does not hold back the others', async () => {
      const { store } = await context.fresh();
      await streamWith(store, 'order-1', 1);
      const outcomes = await Promise.allSettled([
        store.appendToStream('order-1', [{ type: 'A' }], { expectedRevision: 0 }),
        store.appendToStream('order-1', [{ type: 'B' }], { expectedRevision: 0 }),
        store.appendToStream('order-2', [{ type: 'C' }], { expectedRevision: 'no-stream' }),
        store.appendToStream('order-1', [{ type: 'D' }], { expectedRevision: 1 }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      const events = await readEverything(store);
      expect(events.map((event) => [event.position, event.stream, event.revision, event.type])).toEqual([
        [1, 'order-1', 0, 'Noted'],
        [2, 'order-1', 1, 'A'],
        [3, 'order-2', 0, 'C'],
        [4, 'order-1', 2, 'D'],
      ]);
    });
  });
}
