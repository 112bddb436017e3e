import { describe, expect, it } from 'vitest';
import type { EventToAppend, JsonValue } from '../../../shared/event.js';
import { MAX_EVENT_BYTES, MAX_EVENT_TYPE_BYTES, MAX_STREAM_ID_BYTES } from '../../../shared/stream-name.js';
import type { EventStoreApi } from '../../../electron/store/index.js';
import { expectStoreError } from '../store-error-expectation.js';
import type { StoreContext } from './contract-context.js';

/** Lets a test pass values the types forbid, as JavaScript callers (and IPC) can. */
const loose = (value: unknown): JsonValue => value as JsonValue;

async function expectRefusedData(
  store: EventStoreApi,
  event: EventToAppend,
  path: string,
  reason: RegExp,
): Promise<void> {
  const error = await expectStoreError(store.appendToStream('order-1', [event]), 'InvalidEvent');
  expect(error.message).toContain(path);
  expect(error.message).toMatch(reason);
  expect(String(error.details.path)).toContain(path);
}

export function eventLimitsContract(context: StoreContext): void {
  describe('limits, with errors that say what is wrong', () => {
    it('an event whose stored line would pass 1 MiB is refused as too large, and nothing is written', async () => {
      const { store } = await context.fresh();
      const error = await expectStoreError(
        store.appendToStream('order-1', [{ type: 'Big', data: { blob: 'x'.repeat(MAX_EVENT_BYTES) } }]),
        'EventTooLarge',
      );
      expect(error.message).toContain('1 MiB');
      expect(error.details).toMatchObject({ limit: MAX_EVENT_BYTES });
      expect(store.lastPosition).toBe(0);
    });

    it('the size limit counts stored bytes: UTF-8 and JSON escapes, not characters', async () => {
      const { store } = await context.fresh();
      // 300,000 characters (well under a million), but 4 bytes each in UTF-8, or 6 bytes each as JSON escapes.
      await expectStoreError(
        store.appendToStream('order-1', [{ type: 'Big', data: '😀'.repeat(300_000) }]),
        'EventTooLarge',
      );
      await expectStoreError(
        store.appendToStream('order-1', [{ type: 'Big', data: '\u0001'.repeat(200_000) }]),
        'EventTooLarge',
      );
      await expectStoreError(
        store.appendToStream('order-1', [{ type: 'Big', meta: { note: 'y'.repeat(MAX_EVENT_BYTES) } }]),
        'EventTooLarge',
      );
      expect(store.lastPosition).toBe(0);
    });

    it('an event just under 1 MiB is stored and read back whole', async () => {
      const { store } = await context.fresh();
      const blob = 'z'.repeat(MAX_EVENT_BYTES - 1024);
      await store.appendToStream('order-1', [{ type: 'Big', data: { blob } }]);
      const [event] = (await store.readStream('order-1')).events;
      expect((event?.data as { blob: string }).blob).toBe(blob);
    });

    it('an empty or missing event type is refused', async () => {
      const { store } = await context.fresh();
      for (const type of ['', undefined, 42]) {
        const error = await expectStoreError(
          store.appendToStream('order-1', [{ type } as unknown as EventToAppend]),
          'InvalidEvent',
        );
        expect(error.message).toContain('type must be a non-empty string');
      }
      expect(store.lastPosition).toBe(0);
    });

    it(`an event type over ${MAX_EVENT_TYPE_BYTES} bytes is refused, naming the limit`, async () => {
      const { store } = await context.fresh();
      await store.appendToStream('order-1', [{ type: 'T'.repeat(MAX_EVENT_TYPE_BYTES) }]);
      const error = await expectStoreError(
        store.appendToStream('order-1', [{ type: 'T'.repeat(MAX_EVENT_TYPE_BYTES + 1) }]),
        'InvalidEvent',
      );
      expect(error.message).toContain(`${MAX_EVENT_TYPE_BYTES} bytes`);
    });

    it(`a stream id over ${MAX_STREAM_ID_BYTES} UTF-8 bytes is refused, naming the limit; exactly ${MAX_STREAM_ID_BYTES} is fine`, async () => {
      const { store } = await context.fresh();
      const longest = 's'.repeat(MAX_STREAM_ID_BYTES);
      await store.appendToStream(longest, [{ type: 'Created' }]);
      const tooLong = await expectStoreError(
        store.appendToStream(longest + 's', [{ type: 'Created' }]),
        'InvalidEvent',
      );
      expect(tooLong.message).toContain(`the limit is ${MAX_STREAM_ID_BYTES} bytes`);
      // 171 characters of 3 bytes each: short in characters, too long in bytes.
      const wide = await expectStoreError(
        store.appendToStream('€'.repeat(171), [{ type: 'Created' }]),
        'InvalidEvent',
      );
      expect(wide.message).toContain('513 bytes');
      expect((await store.readStream(longest)).events).toHaveLength(1);
    });

    it('an empty stream id is refused', async () => {
      const { store } = await context.fresh();
      await expectStoreError(store.appendToStream('', [{ type: 'Created' }]), 'InvalidEvent');
    });

    it('an event id that is not a UUID is refused', async () => {
      const { store } = await context.fresh();
      for (const id of ['42', 'not-a-uuid', '']) {
        const error = await expectStoreError(
          store.appendToStream('order-1', [{ type: 'A', id }]),
          'InvalidEvent',
        );
        expect(error.message).toContain('UUID');
      }
    });

    // JSON.stringify would quietly store something else than the caller holds: NaN and Infinity become
    // null, undefined in an array becomes null, undefined properties and functions vanish, a Date becomes a
    // string, a Map becomes {}; a BigInt or a cycle makes it throw a TypeError. The store refuses them all.
    it('data that is not JSON is refused, naming where in the data the problem is', async () => {
      const { store } = await context.fresh();
      const cycle: Record<string, unknown> = { name: 'loop' };
      cycle.self = cycle;
      class Money {
        constructor(readonly cents: number) {}
      }
      const cases: [unknown, string, RegExp][] = [
        [{ total: Number.NaN }, 'data.total', /NaN is not a JSON number/],
        [{ nested: { list: [1, Number.POSITIVE_INFINITY] } }, 'data.nested.list[1]', /Infinity/],
        [[1, undefined, 3], 'data[1]', /undefined is not a JSON value/],
        [{ note: undefined }, 'data.note', /undefined/],
        [{ callback: () => 1 }, 'data.callback', /function is not a JSON value/],
        [{ amount: 10n }, 'data.amount', /bigint is not a JSON value/],
        [{ tag: Symbol('x') }, 'data.tag', /symbol/],
        [cycle, 'data.self', /cycle/],
        [{ when: new Date(0) }, 'data.when', /not a plain object/],
        [{ price: new Money(5) }, 'data.price', /not a plain object/],
        [{ lookup: new Map([['a', 1]]) }, 'data.lookup', /not a plain object/],
      ];
      for (const [data, path, reason] of cases) {
        await expectRefusedData(store, { type: 'Placed', data: loose(data) }, path, reason);
      }
      await expectRefusedData(
        store,
        { type: 'Placed', meta: loose({ at: new Date(0) }) },
        'meta.at',
        /plain object/,
      );
      expect(store.lastPosition).toBe(0);
    });

    it('data nested absurdly deep is refused; the same object used twice is not a cycle', async () => {
      const { store } = await context.fresh();
      let deep: JsonValue = 'bottom';
      for (let i = 0; i < 600; i++) deep = [deep];
      const error = await expectStoreError(
        store.appendToStream('order-1', [{ type: 'Deep', data: deep }]),
        'InvalidEvent',
      );
      expect(error.message).toContain('nested deeper than');
      const shared = { sku: 'a-1', qty: 2 };
      await store.appendToStream('order-1', [
        { type: 'Placed', data: { first: shared, again: shared, list: [shared] } },
      ]);
      const [event] = (await store.readStream('order-1')).events;
      expect(event?.data).toEqual({ first: shared, again: shared, list: [shared] });
    });

    it('JSON values of every kind are read back exactly as given', async () => {
      const { store } = await context.fresh();
      const data: JsonValue = {
        text: 'línea "uno"\n\ttab \\ back \u2028 \u0000 😀',
        numbers: [0, -1, 1.5, 1e21, -2.5e-7, Number.MAX_SAFE_INTEGER],
        flags: [true, false, null],
        empty: { object: {}, array: [], string: '' },
        '': 'empty key',
        'key with "quotes"': 1,
      };
      await store.appendToStream('order-1', [
        { type: 'Mixed', data, meta: ['meta', 'can', 'be', 'any', 'JSON'] },
      ]);
      await store.appendToStream('order-1', [{ type: 'Scalar', data: 'just a string', meta: 42 }]);
      const { events } = await store.readStream('order-1');
      expect(events.map((event) => [event.data, event.meta])).toEqual([
        [data, ['meta', 'can', 'be', 'any', 'JSON']],
        ['just a string', 42],
      ]);
    });

    it('events without data or meta read back with empty objects', async () => {
      const { store } = await context.fresh();
      await store.appendToStream('order-1', [{ type: 'Bare' }]);
      const [event] = (await store.readStream('order-1')).events;
      expect(event).toMatchObject({
        data: {},
        meta: {},
        type: 'Bare',
        stream: 'order-1',
        revision: 0,
        position: 1,
      });
      expect(event?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
  });
}
