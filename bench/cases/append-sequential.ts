import path from 'node:path';
import { initEventFolder, openEventStore, type EventStore } from '../../electron/store/index.js';
import { lowdbAppends } from '../baselines/lowdb-log.js';
import { minimalJournaledLog } from '../baselines/js-minimal-log.js';
import { rawSyncedWrites } from '../baselines/raw-fdatasync.js';
import { sqliteTransactions } from '../baselines/sqlite-wal.js';
import type { BenchContext } from '../bench-context.js';
import { yardstickNote } from '../yardstick-note.js';
import { compare, type BenchRow, type CaseKind } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { sampleEvent, type SampleEvent } from '../dataset.js';
import { interleavedRates, type RoundSession } from '../interleaved-rounds.js';
import { datasetLines, parseLine, toEventRow } from '../stored-lines.js';

const SEQUENTIAL: CaseKind = { case: 'append.sequential.durable', unit: 'events/s', higherIsBetter: true };
const ROUNDS = 5;
const PER_ROUND = 1_000;
/** lowdb rewrites its whole file on every write, so its cost grows with the log: 2,000 appends in all. */
const LOWDB_PER_ROUND = 400;
const WARMUP = 100;

/** One durable single-event append at a time, each awaited: the latency-bound path of a form or a CLI call. */
export const sequentialAppends: CaseFamily = {
  name: SEQUENTIAL.case,
  rows: ['raw-fdatasync', 'sqlite-wal-full', 'lowdb', 'js-minimal-journaled'].map((baseline) => ({
    kind: SEQUENTIAL,
    baseline,
  })),
  run: measureSequentialAppends,
};

async function measureSequentialAppends(ctx: BenchContext): Promise<BenchRow[]> {
  const lines = datasetLines(ctx.dataset.dir, WARMUP + ROUNDS * PER_ROUND);
  const plan = { warmup: WARMUP, perRound: PER_ROUND, eventsPerUnit: 1 };
  const samples = Array.from({ length: WARMUP + ROUNDS * PER_ROUND }, (_, n) => sampleEvent(n));
  const [eventfold, raw, sqlite, lowdb, minimal] = await interleavedRates(
    ROUNDS,
    [
      eventfoldAppends(ctx.temp.make('append-sequential'), samples),
      rawSyncedWrites(
        'raw-fdatasync',
        path.join(ctx.temp.make('raw-fdatasync'), 'events.jsonl'),
        lines,
        plan,
      ),
      sqliteTransactions(
        'sqlite-wal-full',
        ctx.temp.make('sqlite-wal-full'),
        lines.map((line) => [toEventRow(line)]),
        plan,
      ),
      lowdbAppends(ctx.temp.make('lowdb'), lines.map(parseLine), {
        warmup: WARMUP,
        perRound: LOWDB_PER_ROUND,
      }),
      minimalJournaledLog('js-minimal-journaled', ctx.temp.make('js-minimal-journaled'), samples, plan),
    ],
    (text) => ctx.progress(`${SEQUENTIAL.case}: ${text}`),
  );
  ctx.note(
    `${SEQUENTIAL.case}: ${ROUNDS} interleaved rounds of ${PER_ROUND} appends per side (lowdb ` +
      `${LOWDB_PER_ROUND}) after ${WARMUP} warm-up ones; the store opened with durability 'always', ` +
      "watch: false; raw-fdatasync = fs.writeSync + fs.fdatasyncSync of the same events' stored lines; " +
      'js-minimal-journaled = the least a JavaScript log must do for each event, with the I/O the store ' +
      'uses (JSON.stringify, randomUUID, the line with its CRC-32C, a page-cache write of the line and an ' +
      'O_DSYNC write of it into a preallocated journal; no checks, index, lock or promises).',
  );
  yardstickNote(
    ctx,
    SEQUENTIAL.case,
    { name: 'js-minimal-journaled', measured: minimal },
    { name: 'sqlite-wal-full', measured: sqlite },
  );
  const missing = { ok: false, error: 'not run' } as const;
  return [
    compare(SEQUENTIAL, eventfold ?? missing, 'raw-fdatasync', raw ?? missing),
    compare(SEQUENTIAL, eventfold ?? missing, 'sqlite-wal-full', sqlite ?? missing),
    compare(SEQUENTIAL, eventfold ?? missing, 'lowdb', lowdb ?? missing),
    compare(SEQUENTIAL, eventfold ?? missing, 'js-minimal-journaled', minimal ?? missing),
  ];
}

/** The caller's events exist before it appends them, as the baselines' lines and rows do. */
function eventfoldAppends(folder: string, samples: readonly SampleEvent[]): RoundSession {
  let store: EventStore | undefined;
  const append = async (from: number, count: number): Promise<void> => {
    if (store === undefined) throw new Error('the store is not open');
    for (let n = from; n < from + count; n++) {
      const { stream, event } = samples[n]!;
      await store.appendToStream(stream, [event]);
    }
  };
  return {
    name: 'eventfold',
    eventsPerRound: PER_ROUND,
    start: async () => {
      await initEventFolder(folder);
      // Without the watcher: a writer's own appends would wake it, and the append path is what is measured.
      store = await openEventStore(folder, { durability: 'always', watch: false });
      await append(0, WARMUP);
    },
    round: (r) => append(WARMUP + r * PER_ROUND, PER_ROUND),
    finish: () => store?.close(),
  };
}
