import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../shared/event.js';
import type { EventStore, SubscribeOptions } from '../../../electron/store/index.js';
import { waitUntil } from '../wait-until.js';
import type { ContractContext } from './contract-context.js';

/** Watcher-driven tests wait for another store's file watcher; the wait is generous and never asserted. */
const WATCHED = { timeout: 60_000 };

function collect(store: EventStore, options: SubscribeOptions = {}) {
  const received: RecordedEvent[] = [];
  store.subscribe(options, (event) => {
    received.push(event);
  });
  return { received, positions: () => received.map((event) => event.position) };
}

async function appendNumbered(
  store: EventStore,
  from: number,
  count: number,
  stream = (i: number) => `order-${i % 4}`,
) {
  for (let i = from; i < from + count; i++)
    await store.appendToStream(stream(i), [{ type: 'Numbered', data: { i } }]);
}

const range = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

/** Another store on the folder stands for another process: it learns of appends through its file watcher. */
export function watchingContract(context: ContractContext): void {
  describe('a second store on the folder follows the first', () => {
    it(
      'another store open on the folder (another process) receives appends through its watcher',
      WATCHED,
      async () => {
        const { dir, store: writer } = await context.fresh();
        await appendNumbered(writer, 1, 10);
        const reader = await context.open(dir, { watch: true });
        const fromStart = collect(reader);
        const fromEnd = collect(reader, { after: 'end', category: 'user' });
        const announced: number[] = [];
        reader.onAppended(({ lastPosition }) => announced.push(lastPosition));
        await waitUntil(() => fromStart.received.length >= 10, 'the second store caught up');
        expect(fromStart.positions()).toEqual(range(1, 10));
        await appendNumbered(writer, 11, 20, (i) => (i % 2 === 0 ? `user-${i}` : `order-${i}`));
        await writer.appendToStream('user-99', [{ type: 'A' }, { type: 'B' }, { type: 'C' }]);
        await waitUntil(() => fromStart.received.length >= 33, 'the other store saw all 33 events');
        expect(fromStart.positions()).toEqual(range(1, 33));
        expect(fromStart.received).toEqual(await readAllOf(writer));
        expect(fromEnd.positions()).toEqual([...range(11, 30).filter((p) => p % 2 === 0), 31, 32, 33]);
        expect(reader.lastPosition).toBe(33);
        expect(announced.at(-1)).toBe(33);
        // And the other way round: the reader appends, the writer's watcher sees it.
        const back = collect(writer, { after: 'end' });
        await reader.appendToStream('user-99', [{ type: 'D' }], { expectedRevision: 2 });
        await waitUntil(() => back.received.length >= 1, 'the first store saw the second one append');
        expect(back.received[0]).toMatchObject({ position: 34, stream: 'user-99', revision: 3, type: 'D' });
      },
    );
  });
}

async function readAllOf(store: EventStore): Promise<RecordedEvent[]> {
  return (await store.readAll({ limit: 1000 })).events;
}
