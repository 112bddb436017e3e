import { describe, expect, it } from 'vitest';
import { categoryOf } from '../../../shared/stream-name.js';
import type { EventStoreApi, ReadAllOptions, ReadPage } from '../../../electron/store/index.js';
import type { StoreContext } from './contract-context.js';
import { asExpected, SAMPLE_STREAMS, writeSampleLog, type ExpectedEvent } from './sample-log.js';

async function readAllPages(read: (from: number | undefined) => Promise<ReadPage>): Promise<ExpectedEvent[]> {
  const events: ExpectedEvent[] = [];
  let from: number | undefined;
  for (;;) {
    const page = await read(from);
    events.push(...asExpected(page.events));
    if (page.next === null) return events;
    from = page.next;
  }
}

export function categoryAndTypeReadsContract(context: StoreContext): void {
  describe('reading a category, or events of some types', () => {
    const suite = context.useSuiteStore((store) => writeSampleLog(store));
    const store = (): EventStoreApi => suite().store;
    const log = (): ExpectedEvent[] => suite().prepared;

    const category = (name: string, options: Omit<ReadAllOptions, 'category' | 'from'> = {}) =>
      readAllPages((from) =>
        store().readCategory(name, { ...options, ...(from === undefined ? {} : { from }) }),
      );
    const all = (options: Omit<ReadAllOptions, 'from'>) =>
      readAllPages((from) => store().readAll({ ...options, ...(from === undefined ? {} : { from }) }));

    it("a category holds the streams named '<category>-…' and the stream named just '<category>'", async () => {
      const events = await category('order', { limit: 6 });
      expect(new Set(events.map((event) => event.stream))).toEqual(
        new Set(['order-1', 'order-2', 'order', 'order-3']),
      );
      expect(events).toEqual(log().filter((event) => categoryOf(event.stream) === 'order'));
    });

    it('a category reads backwards too, newest first', async () => {
      const events = await category('user', { direction: 'backwards', limit: 4 });
      expect(events).toEqual(
        log()
          .filter((event) => event.stream.startsWith('user-'))
          .reverse(),
      );
    });

    it('a category of a Unicode stream name works like any other', async () => {
      const events = await category('Ä');
      expect(events.length).toBeGreaterThan(0);
      expect(events).toEqual(log().filter((event) => event.stream === 'Ä-ünï-😀'));
    });

    it('reading by type gives only events of those types, in log order', async () => {
      const events = await all({ types: ['Paid', 'Shipped'], limit: 11 });
      expect(events.length).toBeGreaterThan(0);
      expect(events).toEqual(log().filter((event) => event.type === 'Paid' || event.type === 'Shipped'));
    });

    it('category and types combine', async () => {
      const events = await category('order', { types: ['Placed'], direction: 'backwards', limit: 5 });
      expect(events.length).toBeGreaterThan(0);
      expect(events).toEqual(
        log()
          .filter((event) => categoryOf(event.stream) === 'order' && event.type === 'Placed')
          .reverse(),
      );
    });

    it('a category or type nobody used gives an empty result, not an error', async () => {
      expect(await category('invoice')).toEqual([]);
      expect(await all({ types: ['NeverHappened'] })).toEqual([]);
      expect(await category('order', { types: ['Registered', 'NeverHappened'] })).toEqual(
        log().filter((event) => categoryOf(event.stream) === 'order' && event.type === 'Registered'),
      );
    });

    it('lists every stream once, in order of first appearance, with its category and counts', () => {
      const streams = store().streams();
      expect(streams.map((info) => info.stream)).toEqual([...SAMPLE_STREAMS]);
      for (const info of streams) {
        const events = log().filter((event) => event.stream === info.stream);
        expect(info).toEqual({
          stream: info.stream,
          category: categoryOf(info.stream),
          events: events.length,
          lastRevision: events.length - 1,
          lastPosition: events.at(-1)?.position,
        });
      }
    });

    it('counts events by type, most frequent first', () => {
      const counts = new Map<string, number>();
      for (const event of log()) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      const types = store().eventTypes();
      expect(new Map(types.map((entry) => [entry.type, entry.events]))).toEqual(counts);
      const numbers = types.map((entry) => entry.events);
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    });
  });
}
