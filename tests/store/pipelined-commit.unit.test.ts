import fs from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import {
  initEventFolder,
  MemoryEventStore,
  openEventStore,
  verifyEventFolder,
  type EventStoreApi,
} from '../../electron/store/index.js';
import { copyAsOnDisk, journaledLines, lastSegment, loseLastLines, readJournal } from './journal-folders.js';
import { readEverything } from './read-everything.js';
import { makeTempDir, removeDir } from './temp-folders.js';

/**
 * Pipelined group commit: with many durable appends waiting, a group's journal record is synced off the
 * main thread while the next group is planned and written to the page cache. Whatever the grouping, the
 * outcome of every append must be the one the same calls get one after the other, callers are answered in
 * position order, and only what was acknowledged survives a power loss.
 */

interface Call {
  readonly stream: string;
  readonly events: EventToAppend[];
  readonly expected: ExpectedRevision;
}

const callArb: fc.Arbitrary<Call> = fc.record({
  stream: fc.constantFrom('order-1', 'order-2', 'cart-1', 'user-1'),
  events: fc.array(
    fc.record(
      {
        id: fc.constantFrom('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'),
        type: fc.constantFrom('Placed', 'Paid'),
        data: fc.constantFrom({ n: 1 }, { n: 2 }),
      },
      { requiredKeys: ['type', 'data'] },
    ),
    { minLength: 1, maxLength: 3 },
  ),
  expected: fc.oneof(
    { weight: 6, arbitrary: fc.constant<ExpectedRevision>('any') },
    { weight: 1, arbitrary: fc.constantFrom<ExpectedRevision>('no-stream', 'exists', 0, 1, 2, 5) },
  ),
});

/** A wave: appends made in one turn (enough of them for the pipeline to split the queue). */
const wavesArb = fc.array(fc.array(callArb, { minLength: 32, maxLength: 120 }), {
  minLength: 1,
  maxLength: 4,
});

type Outcome = { ok: true; result: AppendResult } | { ok: false; code: string };

/**
 * Runs the waves, each in one turn; the outcomes in call order, and the last positions of the appends that
 * wrote, in the order their callers were answered.
 */
async function runWaves(
  store: EventStoreApi,
  waves: readonly (readonly Call[])[],
): Promise<{ outcomes: Outcome[]; answered: number[] }> {
  const outcomes: Outcome[] = [];
  const answered: number[] = [];
  for (const wave of waves) {
    const settled = await Promise.all(
      wave.map((call) =>
        store.appendToStream(call.stream, call.events, { expectedRevision: call.expected }).then(
          (result): Outcome => {
            if (!result.duplicate) answered.push(result.lastPosition);
            return { ok: true, result };
          },
          (error: unknown): Outcome => {
            if (!(error instanceof StoreError)) throw error;
            return { ok: false, code: error.code };
          },
        ),
      ),
    );
    outcomes.push(...settled);
  }
  return { outcomes, answered };
}

function comparable(events: readonly RecordedEvent[]): unknown[] {
  return events.map(({ position, stream, revision, type, data }) => ({
    position,
    stream,
    revision,
    type,
    data,
  }));
}

describe('pipelined group commit', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'gives every append the outcome of the same calls made one after the other, answers in position order, and keeps what it acknowledged through a power loss',
    { timeout: 180_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(wavesArb, fc.nat(), async (waves, lost) => {
          const dir = makeTempDir('eventfold-pipeline-');
          const copy = makeTempDir('eventfold-pipeline-copy-');
          try {
            await initEventFolder(dir);
            const store = await openEventStore(dir, { watch: false, durability: 'always' });
            let run: Awaited<ReturnType<typeof runWaves>>;
            let acknowledged: RecordedEvent[];
            try {
              // The journal exists before the waves (its creation is not pipelined).
              await store.appendToStream('seed', [{ type: 'Seeded' }]);
              run = await runWaves(store, waves);
              acknowledged = await readEverything(store);
              copyAsOnDisk(dir, copy);
            } finally {
              await store.close();
            }

            const memory = new MemoryEventStore();
            await memory.appendToStream('seed', [{ type: 'Seeded' }]);
            const expected = await runWaves(memory, waves);
            expect(run.outcomes).toEqual(expected.outcomes);
            expect(comparable(acknowledged)).toEqual(comparable(await readEverything(memory)));
            // Answered in position order.
            expect(run.answered).toEqual([...run.answered].sort((a, b) => a - b));

            // A power loss right after the acknowledgements: every acknowledged event comes back.
            loseLastLines(lastSegment(copy), lost % (journaledLines(copy) + 1), 'zeros-hole', lost);
            const reopened = await openEventStore(copy, { watch: false });
            try {
              expect(reopened.health().problems).toEqual([]);
              expect(comparable(await readEverything(reopened))).toEqual(comparable(acknowledged));
            } finally {
              await reopened.close();
            }
            expect((await verifyEventFolder(copy)).sound).toBe(true);
          } finally {
            removeDir(dir);
            removeDir(copy);
          }
        }),
        { numRuns: 25 },
      );
    },
  );

  for (const failing of [1, 2] as const) {
    it(`fails the group whose record could not be written (group ${failing} of 2) and every group after it, keeping those before`, async () => {
      const dir = makeTempDir('eventfold-pipeline-fail-');
      try {
        await initEventFolder(dir);
        const store = await openEventStore(dir, { watch: false, durability: 'always' });
        try {
          await store.appendToStream('seed', [{ type: 'Seeded' }]);
          // The records synced off the main thread are the pipeline's: fail the chosen one.
          const write = fs.write.bind(fs) as (...args: unknown[]) => void;
          let records = 0;
          vi.spyOn(fs, 'write').mockImplementation((...args: unknown[]) => {
            const bytes = args[1];
            const callback = args.at(-1) as (error: NodeJS.ErrnoException | null, written: number) => void;
            if (
              bytes instanceof Uint8Array &&
              Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'EFR1'
            ) {
              records++;
              if (records === failing) {
                const error: NodeJS.ErrnoException = Object.assign(new Error('EIO: i/o error, write'), {
                  code: 'EIO',
                });
                setImmediate(() => callback(error, 0));
                return;
              }
            }
            write(...args);
          });

          const outcomes = await Promise.allSettled(
            Array.from({ length: 64 }, (_, i) =>
              store.appendToStream(`order-${i % 5}`, [{ type: 'Placed', data: { i } }]),
            ),
          );
          vi.restoreAllMocks();
          // The queue was split in two groups; the second was chained behind the first (and failed with it).
          expect(records).toBe(failing);
          expect(readJournal(dir).records.length).toBe(failing === 2 ? 2 : 1);
          const kept = outcomes.slice(0, 32);
          const failed = failing === 1 ? outcomes : outcomes.slice(32);
          if (failing === 2) expect(kept.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
          expect(failed.every((outcome) => outcome.status === 'rejected')).toBe(true);
          for (const outcome of failed)
            if (outcome.status === 'rejected') expect((outcome.reason as Error).message).toMatch(/EIO/);

          // Nothing of the failed groups is stored; the next append follows what was kept.
          const keptEvents = failing === 2 ? 32 : 0;
          expect(store.lastPosition).toBe(1 + keptEvents);
          const next = await store.appendToStream('after', [{ type: 'Checked' }]);
          expect(next.firstPosition).toBe(2 + keptEvents);
          const events = await readEverything(store);
          expect(events.map((event) => event.position)).toEqual(
            Array.from({ length: keptEvents + 2 }, (_, i) => i + 1),
          );
          expect(events.slice(1, 1 + keptEvents).map((event) => (event.data as { i: number }).i)).toEqual(
            Array.from({ length: keptEvents }, (_, i) => i),
          );
        } finally {
          await store.close();
        }
        const reopened = await openEventStore(dir, { watch: false });
        try {
          expect(reopened.health().problems).toEqual([]);
          expect(reopened.lastPosition).toBe(failing === 2 ? 34 : 2);
        } finally {
          await reopened.close();
        }
        expect((await verifyEventFolder(dir)).sound).toBe(true);
      } finally {
        removeDir(dir);
      }
    });
  }
});
