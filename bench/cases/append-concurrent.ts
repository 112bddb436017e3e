import { initEventFolder, openEventStore, type EventStore } from '../../electron/store/index.js';
import type { BenchContext } from '../bench-context.js';
import { attempt, compare, type BenchRow, type CaseKind, type Measured } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { sampleEvent } from '../dataset.js';
import { elapsedMs, median, perSecond } from '../timing.js';

const CONCURRENT: CaseKind = { case: 'append.concurrent256.durable', unit: 'events/s', higherIsBetter: true };
const APPENDERS = 256;
const APPENDS_EACH = 80;
/** Untimed appends each first: a cold store's first group commits measure the JIT, not the store. */
const WARMUP_EACH = 20;
/**
 * Timed rounds, each of APPENDERS x APPENDS_EACH, the median taken: one round lasts some 200 ms, so a single
 * one swung between 14x and 28x of the sequential rate on a quiet machine with the same code.
 */
const ROUNDS = 5;

/**
 * 256 callers (a server's request handlers, say), each awaiting its own durable single-event appends in a
 * loop. Group commit should let them share writes and syncs; the baseline is the sequential rate of this run.
 */
export const concurrentAppends: CaseFamily = {
  name: CONCURRENT.case,
  rows: [{ kind: CONCURRENT, baseline: 'append.sequential.durable' }],
  run: measureConcurrentAppends,
};

async function measureConcurrentAppends(
  ctx: BenchContext,
  earlier: readonly BenchRow[],
): Promise<BenchRow[]> {
  const sequentialRate = earlier.find((row) => row.case === 'append.sequential.durable')?.eventfold ?? null;
  const sequential: Measured =
    sequentialRate === null ? { ok: false, error: 'not measured' } : { ok: true, value: sequentialRate };
  const folder = ctx.temp.make('append-concurrent');
  ctx.progress(`${CONCURRENT.case}: ${APPENDERS} appenders x ${APPENDS_EACH}`);
  const rate = await attempt(async () => {
    await initEventFolder(folder);
    const store = await openEventStore(folder, { durability: 'always', watch: false });
    try {
      await runAppenders(store, 0, WARMUP_EACH);
      const rates: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const from = WARMUP_EACH + round * APPENDS_EACH;
        const ms = await elapsedMs(() => runAppenders(store, from, APPENDS_EACH));
        rates.push(perSecond(APPENDERS * APPENDS_EACH, ms));
      }
      return median(rates);
    } finally {
      await store.close();
    }
  });
  ctx.note(
    `${CONCURRENT.case}: ${APPENDERS} appenders x ${APPENDS_EACH} appends = ${APPENDERS * APPENDS_EACH} events a ` +
      `round, median of ${ROUNDS} rounds after ${WARMUP_EACH} untimed appends each.`,
  );
  return [compare(CONCURRENT, rate, 'append.sequential.durable', sequential)];
}

function runAppenders(store: EventStore, from: number, count: number): Promise<unknown> {
  const appender = async (a: number): Promise<void> => {
    for (let i = from; i < from + count; i++) {
      const { event } = sampleEvent(a * 1_000 + i);
      await store.appendToStream(`order-${a}`, [event]);
    }
  };
  return Promise.all(Array.from({ length: APPENDERS }, (_, a) => appender(a)));
}
