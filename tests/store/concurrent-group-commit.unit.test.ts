import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import {
  initEventFolder,
  MemoryEventStore,
  openEventStore,
  verifyEventFolder,
  type EventStoreApi,
} from '../../electron/store/index.js';
import { copyAsOnDisk, journaledLines, lastSegment, loseLastLines } from './journal-folders.js';
import { asExpected } from './contract/sample-log.js';
import { readEverything } from './read-everything.js';
import { makeTempDir, removeDir } from './temp-folders.js';

/**
 * Group commit: many durable appends made at once share journal records and syncs. Whatever the grouping,
 * the outcome of every append must be the one the same calls get one after the other, callers are answered
 * in position order, and only what was acknowledged survives a power loss.
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

/** A wave: appends made in one turn (enough of them to be written as groups). */
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

describe('group commit', () => {
  it(
    'gives every append the outcome of the same calls made one after the other, answers in position order, and keeps what it acknowledged through a power loss',
    { timeout: 180_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(wavesArb, fc.nat(), async (waves, lost) => {
          const dir = makeTempDir('eventfold-group-commit-');
          const copy = makeTempDir('eventfold-group-commit-copy-');
          try {
            await initEventFolder(dir);
            const store = await openEventStore(dir, { watch: false, durability: 'always' });
            let run: Awaited<ReturnType<typeof runWaves>>;
            let acknowledged: RecordedEvent[];
            try {
              // The journal exists before the waves.
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
            expect(asExpected(acknowledged)).toEqual(asExpected(await readEverything(memory)));
            // Answered in position order.
            expect(run.answered).toEqual([...run.answered].sort((a, b) => a - b));

            // A power loss right after the acknowledgements: every acknowledged event comes back.
            loseLastLines(lastSegment(copy), lost % (journaledLines(copy) + 1), 'zeros-hole', lost);
            const reopened = await openEventStore(copy, { watch: false });
            try {
              expect(reopened.health().problems).toEqual([]);
              expect(asExpected(await readEverything(reopened))).toEqual(asExpected(acknowledged));
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
});
