import path from 'node:path';
import { initEventFolder, openEventStore, type EventStore } from '../../electron/store/index.js';
import { minimalBatchLog } from '../baselines/js-minimal-log.js';
import { rawSyncedWrites } from '../baselines/raw-fdatasync.js';
import { sqliteTransactions } from '../baselines/sqlite-wal.js';
import type { BenchContext } from '../bench-context.js';
import { yardstickNote } from '../yardstick-note.js';
import { compare, type BenchRow, type CaseKind } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { sampleEvent, type SampleEvent } from '../dataset.js';
import { interleavedRates, type RoundSession } from '../interleaved-rounds.js';
import { datasetLines, toEventRow } from '../stored-lines.js';

const BATCH: CaseKind = { case: 'append.batch1000.durable', unit: 'events/s', higherIsBetter: true };
const BATCH_SIZE = 1_000;
const ROUNDS = 4;
const BATCHES_PER_ROUND = 10;
/** Enough batches for the JIT to have compiled the append path: the rate asked for is the steady one. */
const WARMUP = 20;

/** appendToStream with 1000 events a call: an import, or a command that produces many events at once. */
export const batchAppends: CaseFamily = {
  name: BATCH.case,
  rows: ['raw-joined-fdatasync', 'sqlite-wal-full-batch1000', 'js-minimal-batch1000'].map((baseline) => ({
    kind: BATCH,
    baseline,
  })),
  run: measureBatchAppends,
};

async function measureBatchAppends(ctx: BenchContext): Promise<BenchRow[]> {
  const batchCount = WARMUP + ROUNDS * BATCHES_PER_ROUND;
  const lines = datasetLines(ctx.dataset.dir, batchCount * BATCH_SIZE);
  const batches = Array.from({ length: batchCount }, (_, b) =>
    lines.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE),
  );
  const plan = { warmup: WARMUP, perRound: BATCHES_PER_ROUND, eventsPerUnit: BATCH_SIZE };
  // Each batch is one atomic append to one stream.
  const samples = Array.from({ length: batchCount }, (_, b) =>
    Array.from({ length: BATCH_SIZE }, (_, i) => ({
      stream: `order-${b}`,
      event: sampleEvent(b * BATCH_SIZE + i).event,
    })),
  );
  const [eventfold, raw, sqlite, minimal] = await interleavedRates(
    ROUNDS,
    [
      eventfoldBatches(ctx.temp.make('append-batch'), samples),
      rawSyncedWrites(
        'raw-joined-fdatasync',
        path.join(ctx.temp.make('raw-joined'), 'events.jsonl'),
        batches.map((batch) => Buffer.concat(batch)),
        plan,
      ),
      sqliteTransactions(
        'sqlite-wal-full-batch1000',
        ctx.temp.make('sqlite-batch'),
        batches.map((batch) => batch.map(toEventRow)),
        plan,
      ),
      minimalBatchLog(
        'js-minimal-batch1000',
        path.join(ctx.temp.make('js-minimal-batch'), 'events.jsonl'),
        samples,
        plan,
      ),
    ],
    (text) => ctx.progress(`${BATCH.case}: ${text}`),
  );
  ctx.note(
    `${BATCH.case}: ${ROUNDS} interleaved rounds of ${BATCHES_PER_ROUND} batches per side after ${WARMUP} ` +
      `warm-up ones; raw-joined-fdatasync = the same events' ${BATCH_SIZE} stored lines joined, one ` +
      'fs.writeSync + fs.fdatasyncSync; js-minimal-batch1000 = the least a JavaScript log must do for the ' +
      'same batch (JSON.stringify, randomUUID, the lines with their CRC-32C, one write + fdatasync; no ' +
      'checks, index or lock): where it misses a target itself, so does any store written in JavaScript.',
  );
  yardstickNote(
    ctx,
    BATCH.case,
    { name: 'js-minimal-batch1000', measured: minimal },
    { name: 'sqlite-wal-full-batch1000', measured: sqlite },
  );
  const missing = { ok: false, error: 'not run' } as const;
  return [
    compare(BATCH, eventfold ?? missing, 'raw-joined-fdatasync', raw ?? missing),
    compare(BATCH, eventfold ?? missing, 'sqlite-wal-full-batch1000', sqlite ?? missing),
    compare(BATCH, eventfold ?? missing, 'js-minimal-batch1000', minimal ?? missing),
  ];
}

/** The caller's event objects exist before it appends them, as the baselines' lines and rows do. */
function eventfoldBatches(folder: string, samples: readonly (readonly SampleEvent[])[]): RoundSession {
  let store: EventStore | undefined;
  const batches = samples.map((batch) => batch.map((sample) => sample.event));
  const append = async (from: number, count: number): Promise<void> => {
    if (store === undefined) throw new Error('the store is not open');
    for (let b = from; b < from + count; b++) await store.appendToStream(samples[b]![0]!.stream, batches[b]!);
  };
  return {
    name: 'eventfold',
    eventsPerRound: BATCHES_PER_ROUND * BATCH_SIZE,
    start: async () => {
      await initEventFolder(folder);
      store = await openEventStore(folder, { durability: 'always', watch: false });
      await append(0, WARMUP);
    },
    round: (r) => append(WARMUP + r * BATCHES_PER_ROUND, BATCHES_PER_ROUND),
    finish: () => store?.close(),
  };
}
