import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../shared/event.js';
import { categoryOf } from '../../../shared/stream-name.js';
import type { EventStoreApi } from '../../../electron/store/index.js';
import { expectStoreError } from '../store-error-expectation.js';
import type { StoreContext } from './contract-context.js';
import { asExpected, writeSampleLog } from './sample-log.js';

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

export function iteratedReadsContract(context: StoreContext): void {
  describe('reads are async iterables too: every event, without following pages by hand', () => {
    const suite = context.useSuiteStore((store) => writeSampleLog(store, 1200, { inOneGo: true }));
    const store = (): EventStoreApi => suite().store;
    const log = () => suite().prepared;

    it('for await over readAll gives the whole log in order, past the first page', async () => {
      expect(asExpected(await collect(store().readAll()))).toEqual(log());
      expect(asExpected(await collect(store().readAll({ direction: 'backwards' })))).toEqual(
        [...log()].reverse(),
      );
      expect(asExpected(await collect(store().readAll({ from: 1001 })))).toEqual(log().slice(1000));
    });

    it('for await over readStream gives the whole stream, forwards or backwards', async () => {
      const stream = log().filter((event) => event.stream === 'order-2');
      expect(stream.length).toBeGreaterThan(100);
      expect(asExpected(await collect(store().readStream('order-2')))).toEqual(stream);
      expect(asExpected(await collect(store().readStream('order-2', { direction: 'backwards' })))).toEqual(
        [...stream].reverse(),
      );
      expect(await collect(store().readStream('no-such-stream'))).toEqual([]);
    });

    it('filters and categories iterate the same way', async () => {
      expect(asExpected(await collect(store().readCategory('order', { types: ['Placed'] })))).toEqual(
        log().filter((event) => categoryOf(event.stream) === 'order' && event.type === 'Placed'),
      );
    });

    it('a limit bounds what the iteration gives; awaited, the same call is one page', async () => {
      expect(asExpected(await collect(store().readAll({ from: 10, limit: 250 })))).toEqual(
        log().slice(9, 259),
      );
      const page = await store().readStream('user-1', { limit: 3 });
      expect(page.events.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(page.next).toBe(3);
    });

    it('leaving the loop early stops reading', async () => {
      const seen: number[] = [];
      for await (const event of store().readAll()) {
        seen.push(event.position);
        if (seen.length === 150) break;
      }
      expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    });

    it('a closed store refuses to iterate', async () => {
      const { store: closing } = await context.fresh();
      await closing.appendToStream('order-1', [{ type: 'A' }]);
      await closing.close();
      await expectStoreError(collect(closing.readAll()), 'Closed');
      await expectStoreError(collect(closing.readStream('order-1')), 'Closed');
    });
  });
}
