import { beforeEach, describe, expect, it } from 'vitest';
import type { ReadDirection } from '../../../shared/event.js';
import type { EventStoreApi, ReadAllOptions } from '../../../electron/store/index.js';
import { expectStoreError } from '../store-error-expectation.js';
import type { StoreContext } from './contract-context.js';
import { asExpected, writeSampleLog, type ExpectedEvent } from './sample-log.js';

/** Follows `next` from page to page, as a UI scrolling the log would. */
async function pagesOfAll(store: EventStoreApi, options: ReadAllOptions): Promise<ExpectedEvent[][]> {
  const pages: ExpectedEvent[][] = [];
  let from: number | null | undefined = options.from;
  do {
    const page = await store.readAll({ ...options, ...(from === undefined ? {} : { from }) });
    pages.push(asExpected(page.events));
    from = page.next;
    if (pages.length > 10_000) throw new Error('paging does not end');
  } while (from !== null);
  return pages;
}

async function pagesOfStream(
  store: EventStoreApi,
  stream: string,
  direction: ReadDirection,
  limit: number,
  fromRevision?: number,
): Promise<ExpectedEvent[][]> {
  const pages: ExpectedEvent[][] = [];
  let from: number | null | undefined = fromRevision;
  do {
    const page = await store.readStream(stream, {
      direction,
      limit,
      ...(from === undefined ? {} : { fromRevision: from }),
    });
    pages.push(asExpected(page.events));
    from = page.next;
    if (pages.length > 10_000) throw new Error('paging does not end');
  } while (from !== null);
  return pages;
}

export function pagingContract(context: StoreContext): void {
  describe('reading in pages', () => {
    const suite = context.useSuiteStore((store) => writeSampleLog(store));
    const store = (): EventStoreApi => suite().store;
    const streamOf = (stream: string): ExpectedEvent[] =>
      suite().prepared.filter((event) => event.stream === stream);
    let log: ExpectedEvent[] = [];
    beforeEach(() => {
      log = suite().prepared;
    });

    it('pages of $all forwards join up to the whole log, each event exactly once', async () => {
      const pages = await pagesOfAll(store(), { limit: 37 });
      expect(pages.flat()).toEqual(log);
      expect(pages.slice(0, -1).every((page) => page.length === 37)).toBe(true);
      expect(pages.length).toBe(Math.ceil(log.length / 37));
    });

    it('pages of $all backwards join up to the whole log from the newest event', async () => {
      const pages = await pagesOfAll(store(), { direction: 'backwards', limit: 37 });
      expect(pages.flat()).toEqual([...log].reverse());
    });

    it('reading from a position includes that position, in either direction', async () => {
      expect((await pagesOfAll(store(), { from: 100, limit: 50 })).flat()).toEqual(log.slice(99));
      expect((await pagesOfAll(store(), { from: 100, direction: 'backwards', limit: 50 })).flat()).toEqual(
        log.slice(0, 100).reverse(),
      );
    });

    it('a page holds 100 events unless told otherwise, and next says where the following page starts', async () => {
      const page = await store().readAll();
      expect(page.events.map((event) => event.position)).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      expect(page.next).toBe(101);
      const back = await store().readAll({ direction: 'backwards', limit: 10 });
      expect(back.events[0]?.position).toBe(log.length);
      expect(back.next).toBe(log.length - 10);
    });

    it('the last page says there is nothing more', async () => {
      const page = await store().readAll({ from: log.length - 4, limit: 5 });
      expect(page.events).toHaveLength(5);
      expect(page.next).toBeNull();
      expect((await store().readAll({ from: 5, direction: 'backwards', limit: 5 })).next).toBeNull();
    });

    it('reading past the end forwards gives nothing; backwards from past the end starts at the newest', async () => {
      expect(await store().readAll({ from: log.length + 1 })).toEqual({ events: [], next: null });
      const back = await store().readAll({ from: log.length + 1000, direction: 'backwards', limit: 2 });
      expect(asExpected(back.events)).toEqual([log.at(-1), log.at(-2)]);
    });

    it('a page size that is not a whole number of at least 1 is refused', async () => {
      for (const limit of [0, -5, 2.5, Number.NaN]) {
        await expectStoreError(store().readAll({ limit }), 'InvalidArgument');
      }
    });

    it('a start or direction it cannot honour is refused naming the value, never read some other way', async () => {
      // As a script without types would pass them: a typo must not quietly read backwards, or nothing.
      const loose = store() as unknown as {
        readAll(options: Record<string, unknown>): Promise<unknown>;
        readStream(stream: string, options: Record<string, unknown>): Promise<unknown>;
      };
      const refused: [Promise<unknown>, string][] = [
        [loose.readAll({ from: 'end' }), 'from must be a position, not "end"'],
        [loose.readAll({ from: 2n }), 'from must be a position, not 2n'],
        [
          loose.readAll({ direction: 'backward' }),
          'direction must be "forwards" or "backwards", not "backward"',
        ],
        [
          loose.readStream('user-1', { fromRevision: -1 }),
          'fromRevision must be a whole number >= 0, not -1',
        ],
        [loose.readStream('user-1', { fromRevision: 'end' }), 'not "end"'],
        [loose.readStream('user-1', { fromRevision: 2 ** 64 }), 'fromRevision must be a whole number >= 0'],
        [loose.readStream('user-1', { direction: 'Backwards' }), 'not "Backwards"'],
        [loose.readStream('no-such-stream', { fromRevision: 1.5 }), 'not 1.5'],
        [loose.readStream('user-1', { limit: '10' }), 'limit must be a whole number >= 1, not "10"'],
      ];
      for (const [read, message] of refused) {
        const error = await expectStoreError(read, 'InvalidArgument');
        expect(error.message).toContain(message);
      }
    });

    it('pages of one stream join up to the whole stream, forwards and backwards', async () => {
      for (const stream of ['order-1', 'Ä-ünï-😀']) {
        const events = streamOf(stream);
        expect(events.length).toBeGreaterThan(20);
        expect((await pagesOfStream(store(), stream, 'forwards', 7)).flat()).toEqual(events);
        expect((await pagesOfStream(store(), stream, 'backwards', 7)).flat()).toEqual([...events].reverse());
      }
    });

    it('reading a stream from a revision includes that revision, in either direction', async () => {
      const events = streamOf('user-1');
      expect((await pagesOfStream(store(), 'user-1', 'forwards', 4, 10)).flat()).toEqual(events.slice(10));
      expect((await pagesOfStream(store(), 'user-1', 'backwards', 4, 10)).flat()).toEqual(
        events.slice(0, 11).reverse(),
      );
      const page = await store().readStream('user-1', { fromRevision: 2, limit: 3 });
      expect(page.events.map((event) => event.revision)).toEqual([2, 3, 4]);
      expect(page.next).toBe(5);
    });

    it('reading a stream past its end, or a stream that does not exist, gives nothing', async () => {
      expect(await store().readStream('user-1', { fromRevision: 10_000 })).toMatchObject({
        events: [],
        next: null,
      });
      expect(await store().readStream('no-such-stream')).toMatchObject({ events: [], next: null });
    });

    it('$all filtered to one stream gives the same events as reading the stream', async () => {
      const filtered = (await pagesOfAll(store(), { stream: 'order-2', limit: 9 })).flat();
      expect(filtered).toEqual(streamOf('order-2'));
    });
  });
}
