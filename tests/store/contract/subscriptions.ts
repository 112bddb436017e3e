import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../shared/event.js';
import type { EventStoreApi, SubscribeOptions } from '../../../electron/store/index.js';
import { expectStoreErrorFrom } from '../store-error-expectation.js';
import { waitUntil } from '../wait-until.js';
import type { StoreContext } from './contract-context.js';

/** A subscription that records what it receives. */
function collect(store: EventStoreApi, options: SubscribeOptions = {}) {
  const received: RecordedEvent[] = [];
  const subscription = store.subscribe(options, (event) => {
    received.push(event);
  });
  return { received, subscription, positions: () => received.map((event) => event.position) };
}

async function appendNumbered(
  store: EventStoreApi,
  from: number,
  count: number,
  stream = (i: number) => `order-${i % 4}`,
) {
  for (let i = from; i < from + count; i++)
    await store.appendToStream(stream(i), [{ type: 'Numbered', data: { i } }]);
}

const range = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

export function subscriptionsContract(context: StoreContext): void {
  describe('subscriptions: catch-up, then live', () => {
    it('a subscription from the start receives the existing events, then new ones, in order', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 50);
      const { subscription, positions, received } = collect(store);
      await subscription.caughtUp;
      expect(positions()).toEqual(range(1, 50));
      await appendNumbered(store, 51, 10);
      await Promise.all(
        range(61, 80).map((i) => store.appendToStream(`user-${i % 3}`, [{ type: 'Numbered', data: { i } }])),
      );
      await waitUntil(() => received.length >= 80, 'all 80 events arrived');
      expect(positions()).toEqual(range(1, 80));
      expect(received.map((event) => (event.data as { i: number }).i).slice(0, 60)).toEqual(range(1, 60));
      expect(subscription.position).toBe(80);
    });

    it("a subscription after 'end' receives only events appended from then on", async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 20);
      const { subscription, positions, received } = collect(store, { after: 'end' });
      await subscription.caughtUp;
      expect(received).toEqual([]);
      await appendNumbered(store, 21, 5);
      await waitUntil(() => received.length >= 5, 'the 5 new events arrived');
      expect(positions()).toEqual(range(21, 25));
    });

    it('a subscription after a position starts just after it', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 30);
      const { subscription, positions } = collect(store, { after: 25 });
      await subscription.caughtUp;
      expect(positions()).toEqual(range(26, 30));
    });

    it('a start it cannot honour is refused by subscribe() itself, naming the value', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 3);
      for (const after of ['start', -1, 1.5, null]) {
        const error = await expectStoreErrorFrom(
          () => store.subscribe({ after: after as unknown as number }, () => undefined),
          'InvalidArgument',
        );
        expect(error.message).toContain(
          `after must be a position >= 0 or "end", not ${String(after === 'start' ? '"start"' : after)}`,
        );
      }
    });

    it('events read back through a subscription are the ones stored', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 3);
      const { subscription, received } = collect(store);
      await subscription.caughtUp;
      await store.appendToStream('order-9', [
        { type: 'Live', data: { deep: [1, { two: 2 }] }, meta: { m: true } },
      ]);
      await waitUntil(() => received.length >= 4, 'the live event arrived');
      expect(received).toEqual((await store.readAll()).events);
    });

    it('a subscription on an empty folder is caught up at once', async () => {
      const { store } = await context.fresh();
      const { subscription, received } = collect(store);
      await subscription.caughtUp;
      expect(received).toEqual([]);
    });

    it('subscriptions filter by stream, category and type, both while catching up and live', async () => {
      const { store } = await context.fresh();
      const append = (stream: string, type: string) => store.appendToStream(stream, [{ type }]);
      const script: [string, string][] = [
        ['order-1', 'Placed'],
        ['user-1', 'Registered'],
        ['order-2', 'Placed'],
        ['order-1', 'Paid'],
        ['orderly-1', 'Placed'],
        ['order', 'Paid'],
      ];
      for (const [stream, type] of script.slice(0, 3)) await append(stream, type);
      const byStream = collect(store, { stream: 'order-1' });
      const byCategory = collect(store, { category: 'order' });
      const byType = collect(store, { types: ['Paid', 'Registered'] });
      const combined = collect(store, { category: 'order', types: ['Placed'] });
      await Promise.all([byStream, byCategory, byType, combined].map((c) => c.subscription.caughtUp));
      for (const [stream, type] of script.slice(3)) await append(stream, type);
      const all = [byStream, byCategory, byType, combined];
      await waitUntil(
        () => all.every((c) => c.subscription.position === 6),
        'every subscription reached the end',
      );
      expect(byStream.positions()).toEqual([1, 4]);
      expect(byCategory.positions()).toEqual([1, 3, 4, 6]);
      expect(byType.positions()).toEqual([2, 4, 6]);
      expect(combined.positions()).toEqual([1, 3]);
      expect(byStream.subscription.position, 'position passes over filtered-out events').toBe(6);
    });

    it('a closed subscription receives nothing more', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 5);
      const closing = collect(store);
      const staying = collect(store);
      await Promise.all([closing.subscription.caughtUp, staying.subscription.caughtUp]);
      closing.subscription.close();
      await appendNumbered(store, 6, 5);
      await waitUntil(() => staying.received.length >= 10, 'the open subscription has the new events');
      expect(closing.positions()).toEqual(range(1, 5));
    });

    it('a subscription started while appends are in flight misses nothing and repeats nothing', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 30);
      const appends = Promise.all(
        range(31, 230).map((i) =>
          store.appendToStream(`order-${i % 5}`, [{ type: 'Numbered', data: { i } }]),
        ),
      );
      const { subscription, positions } = collect(store);
      await appends;
      await subscription.caughtUp;
      await waitUntil(() => positions().length >= 230, 'all 230 events arrived');
      expect(positions()).toEqual(range(1, 230));
    });

    it('a slow handler gets one event at a time, in order', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 10);
      let running = 0;
      let mostAtOnce = 0;
      const seen: number[] = [];
      const subscription = store.subscribe({}, async (event) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(event.position);
        running--;
      });
      await appendNumbered(store, 11, 10);
      await waitUntil(() => seen.length >= 20, 'all 20 events were handled');
      await subscription.caughtUp;
      expect(seen).toEqual(range(1, 20));
      expect(mostAtOnce).toBe(1);
    });

    it('a handler that throws stops its subscription and reports the error', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 5);
      const errors: unknown[] = [];
      const handled: number[] = [];
      store.subscribe({ onError: (error) => errors.push(error) }, (event) => {
        if (event.position === 3) throw new Error('projection bug');
        handled.push(event.position);
      });
      await waitUntil(() => errors.length > 0, 'the error was reported');
      await appendNumbered(store, 6, 2);
      const witness = collect(store, { after: 5 });
      await waitUntil(() => witness.received.length >= 2, 'the new events were delivered elsewhere');
      expect(handled).toEqual([1, 2]);
      expect(errors).toHaveLength(1);
      expect((errors[0] as Error).message).toBe('projection bug');
    });

    it('every append is announced with its range of positions', async () => {
      const { store } = await context.fresh();
      const announced: [number, number][] = [];
      const stop = store.onAppended(({ firstPosition, lastPosition }) =>
        announced.push([firstPosition, lastPosition]),
      );
      await store.appendToStream('order-1', [{ type: 'A' }]);
      await store.appendToStream('order-1', [{ type: 'B' }, { type: 'C' }]);
      stop();
      await store.appendToStream('order-1', [{ type: 'D' }]);
      expect(announced).toEqual([
        [1, 1],
        [2, 3],
      ]);
    });
    it("no event stored after subscribe() returns is skipped by a subscription after 'end', whatever the lease state", async () => {
      const stores = await context.storesWith((store) => appendNumbered(store, 1, 20));
      for (const { how, store } of stores.filter((candidate) => !candidate.readOnly)) {
        // (Not store.lastPosition: after a progressive open it counts only what is indexed so far.)
        const first = 21;
        // An append under way when subscribe() is called stores its event after it returns: delivered too.
        const underWay = store.appendToStream('order-1', [{ type: 'UnderWay' }]);
        const { positions, received } = collect(store, { after: 'end' });
        // Appends right after subscribe() returns, in the same turn, then one after the other.
        const sameTurn = store.appendToStream('order-2', [{ type: 'SameTurn' }]);
        await Promise.all([underWay, sameTurn]);
        await store.appendToStream('order-3', [{ type: 'Next' }]);
        await store.appendToStream('order-3', [{ type: 'AndNext' }]);
        await waitUntil(() => received.length >= 4, `the 4 new events arrived (${how})`);
        expect({ how, positions: positions() }).toEqual({ how, positions: range(first, first + 3) });
        expect(received.map((event) => event.type)).toEqual(['UnderWay', 'SameTurn', 'Next', 'AndNext']);
      }
    });

    it("a subscription after 'end' made before any append holds nothing from before it", async () => {
      const stores = await context.storesWith((store) => appendNumbered(store, 1, 5));
      for (const { how, store } of stores) {
        const { subscription, received } = collect(store, { after: 'end' });
        await subscription.caughtUp;
        expect({ how, received }).toEqual({ how, received: [] });
        expect(subscription.position).toBe(5);
        subscription.close();
      }
    });

    it('without a handler a subscription is an async iterable: catch-up, then live, and break closes it', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 3);
      const subscription = store.subscribe({ category: 'order' });
      const seen: number[] = [];
      for await (const event of subscription) {
        seen.push(event.position);
        if (event.position === 3) await appendNumbered(store, 4, 2);
        if (seen.length === 5) break;
      }
      expect(seen).toEqual(range(1, 5));
      // Leaving the loop closed it: later events go nowhere, and a second loop is refused.
      await appendNumbered(store, 6, 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(subscription.position).toBe(5);
      const again = async (): Promise<void> => {
        for await (const event of subscription) seen.push(event.position);
      };
      await expect(again()).rejects.toThrow(/only once/);
    });

    it('an iterated subscription ends its loop when closed, after the events it already handed over', async () => {
      const { store } = await context.fresh();
      await appendNumbered(store, 1, 4);
      const subscription = store.subscribe({});
      const seen: number[] = [];
      for await (const event of subscription) {
        seen.push(event.position);
        if (event.position === 2) subscription.close();
      }
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen).toEqual(range(1, seen.length));
    });

    it('an iterated subscription lets a slow reader hold it back, and loses nothing', async () => {
      const { store } = await context.fresh();
      await store.appendMany(
        range(1, 600).map((i) => ({ stream: `order-${i % 4}`, events: [{ type: 'Numbered', data: { i } }] })),
      );
      const seen: number[] = [];
      for await (const event of store.subscribe({ after: 100 })) {
        if (event.position % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(event.position);
        if (event.position === 600) break;
      }
      expect(seen).toEqual(range(101, 600));
    });

    it('a subscription given a handler is not iterable, and says how to get one that is', async () => {
      const { store } = await context.fresh();
      const subscription = store.subscribe({}, () => undefined);
      expect(() => (subscription as unknown as AsyncIterable<RecordedEvent>)[Symbol.asyncIterator]()).toThrow(
        /subscribe without a handler/,
      );
      subscription.close();
    });
  });
}
