import { describe, expect, it } from 'vitest';
import type { AppendResult } from '../../../shared/event.js';
import { WrongExpectedRevisionError } from '../../../shared/store-error.js';
import type { EventStoreApi } from '../../../electron/store/index.js';
import { readEverything } from '../read-everything.js';
import type { StoreContext } from './contract-context.js';

/** Per stream, the revisions of its events in position order must be 0, 1, 2 … */
function expectContiguousRevisions(events: readonly { stream: string; revision: number }[]): void {
  const next = new Map<string, number>();
  for (const event of events) {
    expect(event.revision, `revision in stream ${event.stream}`).toBe(next.get(event.stream) ?? 0);
    next.set(event.stream, event.revision + 1);
  }
}

/** Optimistic concurrency as an application does it: read the stream's revision, append, retry on conflict. */
async function incrementCounter(store: EventStoreApi, stream: string): Promise<number> {
  for (;;) {
    const last = (await store.readStream(stream, { direction: 'backwards', limit: 1 })).events[0];
    const value = last === undefined ? 1 : (last.data as { value: number }).value + 1;
    try {
      await store.appendToStream(stream, [{ type: 'Incremented', data: { value } }], {
        expectedRevision: last === undefined ? 'no-stream' : last.revision,
      });
      return value;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}

export function concurrentAppendsContract(context: StoreContext): void {
  describe('appends made at the same time', () => {
    it('500 appends to mixed streams lose nothing, double nothing, and fill positions 1..N', async () => {
      const { store } = await context.fresh();
      const appends = Array.from({ length: 500 }, (_, i) => ({
        stream: `${i % 3 === 0 ? 'order' : 'user'}-${i % 7}`,
        events: Array.from({ length: i % 25 === 0 ? 3 : 1 }, (_, part) => ({
          type: 'Noted',
          data: { i, part },
        })),
      }));
      const results: AppendResult[] = await Promise.all(
        appends.map((append) => store.appendToStream(append.stream, append.events)),
      );
      const total = appends.reduce((sum, append) => sum + append.events.length, 0);
      const events = await readEverything(store);
      expect(store.lastPosition).toBe(total);
      expect(events.map((event) => event.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const seen = events.map((event) => JSON.stringify(event.data)).sort();
      const sent = appends
        .flatMap((append) => append.events.map((event) => JSON.stringify(event.data)))
        .sort();
      expect(seen).toEqual(sent);
      expectContiguousRevisions(events);
      // Each caller's result points at its own events, and an append's events stay together.
      results.forEach((result, i) => {
        const append = appends[i]!;
        expect(result.lastPosition - result.firstPosition + 1).toBe(append.events.length);
        const own = events.slice(result.firstPosition - 1, result.lastPosition);
        expect(own.map((event) => event.data)).toEqual(append.events.map((event) => event.data));
        expect(own.every((event) => event.stream === append.stream)).toBe(true);
        expect(own.at(-1)?.revision).toBe(result.nextExpectedRevision);
      });
    });

    it('of many appends expecting the same revision of one stream, exactly one wins', async () => {
      const { store } = await context.fresh();
      await store.appendToStream('account-1', [{ type: 'Opened' }]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.appendToStream('account-1', [{ type: 'Withdrawn', data: { by: i } }], {
            expectedRevision: 0,
          }),
        ),
      );
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const outcome of lost) {
        expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(outcome.reason).toMatchObject({ expected: 0, actual: 1 });
      }
      expect((await store.readStream('account-1')).events.map((event) => event.type)).toEqual([
        'Opened',
        'Withdrawn',
      ]);
    });

    it("of many appends creating the same stream with 'no-stream', exactly one wins", async () => {
      const { store } = await context.fresh();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.appendToStream('account-7', [{ type: 'Opened', data: { by: i } }], {
            expectedRevision: 'no-stream',
          }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(store.lastPosition).toBe(1);
    });

    it('writers that retry on conflict all get their turn, and every update builds on the one before', async () => {
      const { store } = await context.fresh();
      const writers = Array.from({ length: 8 }, async () => {
        const values: number[] = [];
        for (let i = 0; i < 5; i++) values.push(await incrementCounter(store, 'counter-1'));
        return values;
      });
      const values = (await Promise.all(writers)).flat().sort((a, b) => a - b);
      expect(values).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const { events } = await store.readStream('counter-1', { limit: 100 });
      expect(events.map((event) => (event.data as { value: number }).value)).toEqual(values);
    });
  });
}
