import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../../electron/store/index.js';
import { readEverything } from '../read-everything.js';
import { expectStoreErrorFrom } from '../store-error-expectation.js';
import type { ContractContext } from './contract-context.js';
import { writeSampleLog } from './sample-log.js';

/** Everything a caller can see of a store, to compare two opens of the same folder. */
async function snapshot(store: EventStore) {
  return {
    events: await readEverything(store),
    streams: store.streams(),
    types: store.eventTypes(),
    lastPosition: store.lastPosition,
    health: store.health(),
  };
}

export function reopeningContract(context: ContractContext): void {
  describe('closing and opening again', () => {
    it('a reopened folder holds the same events, streams and types', async () => {
      const { dir, store } = await context.fresh();
      await writeSampleLog(store, 120);
      const before = await snapshot(store);
      await store.close();
      const reopened = await context.open(dir);
      expect(await snapshot(reopened)).toEqual(before);
    });

    it('a reopened folder continues positions and revisions where they were', async () => {
      const { dir, store } = await context.fresh();
      await writeSampleLog(store, 30);
      await store.close();
      const reopened = await context.open(dir);
      const result = await reopened.appendToStream('order-1', [{ type: 'After' }], {
        expectedRevision: (await reopened.readStream('order-1', { direction: 'backwards', limit: 1 }))
          .events[0]?.revision,
      });
      expect(result.firstPosition).toBe(31);
      expect((await reopened.readAll({ from: 31 })).events.map((event) => event.type)).toEqual(['After']);
    });

    it('opening without the index cache gives the same events as opening with it', async () => {
      const { dir, store } = await context.fresh();
      await writeSampleLog(store, 80);
      await store.close();
      const warm = await context.open(dir);
      const withCache = await snapshot(warm);
      await warm.close();
      const cold = await context.open(dir, { cache: false });
      expect(await snapshot(cold)).toEqual(withCache);
    });

    it('events appended after the index cache was written are all there on the next open', async () => {
      const { dir, store } = await context.fresh();
      await writeSampleLog(store, 40);
      await store.close();
      // This store neither reads nor refreshes the cache, so the cache now describes an older log.
      const other = await context.open(dir, { cache: false, watch: false });
      for (let i = 0; i < 40; i++)
        await other.appendToStream(`late-${i % 3}`, [{ type: 'Late', data: { i } }]);
      const expected = await snapshot(other);
      await other.close();
      const reopened = await context.open(dir);
      expect(await snapshot(reopened)).toEqual(expected);
      expect(reopened.lastPosition).toBe(80);
      const again = await reopened.appendToStream('late-1', [{ type: 'Later' }], { expectedRevision: 12 });
      expect(again.firstPosition).toBe(81);
    });

    it('closing writes the index cache, which only holds derived data: removing it loses nothing', async () => {
      const { dir, store } = await context.fresh({ cache: true });
      await writeSampleLog(store, 30);
      const before = await snapshot(store);
      await store.close();
      const cacheDir = path.join(dir, 'cache');
      expect(fs.readdirSync(cacheDir)).toContain('index-v1.bin');
      fs.rmSync(cacheDir, { recursive: true });
      expect(await snapshot(await context.open(dir))).toEqual(before);
    });

    it('two stores open on one folder take turns, and neither overwrites the other', async () => {
      const { dir, store: first } = await context.fresh({ watch: false });
      const second = await context.open(dir, { watch: false });
      await first.appendToStream('order-1', [{ type: 'A' }]);
      await second.appendToStream('order-1', [{ type: 'B' }], { expectedRevision: 0 });
      await first.appendToStream('order-1', [{ type: 'C' }], { expectedRevision: 1 });
      await Promise.all([
        first.appendToStream('order-2', [{ type: 'D' }]),
        second.appendToStream('order-2', [{ type: 'E' }]),
      ]);
      await first.close();
      await second.close();
      const reopened = await context.open(dir);
      const events = await readEverything(reopened);
      expect(events.map((event) => event.position)).toEqual([1, 2, 3, 4, 5]);
      expect(events.slice(0, 3).map((event) => [event.type, event.revision])).toEqual([
        ['A', 0],
        ['B', 1],
        ['C', 2],
      ]);
      expect(events.slice(3).map((event) => event.revision)).toEqual([0, 1]);
    });

    it('a closed store refuses further use with a clear error', async () => {
      const { store } = await context.fresh();
      await store.close();
      await expectStoreErrorFrom(() => store.appendToStream('order-1', [{ type: 'A' }]), 'Closed');
      const error = await expectStoreErrorFrom(() => store.readAll(), 'Closed');
      expect(error.message).toContain('closed');
      await expectStoreErrorFrom(() => store.readStream('order-1'), 'Closed');
    });

    it('a retry after the folder is reopened is still recognised', async () => {
      const { dir, store } = await context.fresh();
      const event = { id: randomUUID(), type: 'Placed', data: { deep: { list: [1, 'two', null, true] } } };
      await store.appendToStream('order-1', [event]);
      await store.close();
      const reopened = await context.open(dir);
      expect(await reopened.appendToStream('order-1', [event])).toMatchObject({
        duplicate: true,
        firstPosition: 1,
      });
      expect(reopened.lastPosition).toBe(1);
    });
  });
}
