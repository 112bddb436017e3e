import path from 'node:path';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { watchRawLines } from '../baselines/raw-fs-watch.js';
import type { BenchContext } from '../bench-context.js';
import { compare, failed, type BenchRow, type CaseKind, type Measured } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { runChildScript } from '../child-script.js';
import {
  appenderArgs,
  TIMED_TYPE,
  type AppenderArgs,
  type AppenderReport,
  type TimedPayload,
} from '../children/appender-args.js';
import { percentile, sharedClockMs, waitUntil } from '../timing.js';

const P50: CaseKind = { case: 'watch.latency.p50', unit: 'ms', higherIsBetter: false };
const P99: CaseKind = { case: 'watch.latency.p99', unit: 'ms', higherIsBetter: false };
const EVENTS = 300;
const INTERVAL_MS = 10;
const WARMUP = 20;
/** After the child exits, how long the last events may still take to arrive. */
const GRACE_MS = 5_000;

/**
 * Another process appends one event at a time, each carrying its send time; a subscriber in this process
 * (watch: true, after: 'end') records when each arrives. The raw baseline is fs.watch on a file that
 * another process extends with appendFileSync.
 */
export const watchLatency: CaseFamily = {
  name: 'watch.latency',
  rows: [P50, P99].map((kind) => ({ kind, baseline: 'raw-fs-watch' })),
  run: measureWatchLatency,
};

async function measureWatchLatency(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.note(
    `watch.latency: ${EVENTS} events ~${INTERVAL_MS} ms apart after ${WARMUP} warm-up ones; latency = arrival ` +
      "in the subscriber - send time stamped before the child's append (durability 'always', so it includes " +
      'the durable write); raw-fs-watch: fs.watch + read + parse, child appendFileSync without sync.',
  );
  ctx.progress(`watch.latency: eventfold, ${EVENTS} events from a child process`);
  const [eventfold50, eventfold99] = await quantiles(() =>
    eventfoldLatencies(ctx.temp.make('watch-eventfold'), ctx),
  );
  ctx.progress(`watch.latency: raw-fs-watch, ${EVENTS} lines from a child process`);
  const [raw50, raw99] = await quantiles(() => rawLatencies(ctx.temp.make('watch-raw')));
  return [compare(P50, eventfold50, 'raw-fs-watch', raw50), compare(P99, eventfold99, 'raw-fs-watch', raw99)];
}

async function eventfoldLatencies(folder: string, ctx: BenchContext): Promise<number[]> {
  await initEventFolder(folder);
  const store = await openEventStore(folder, { watch: true });
  const latencies: number[] = [];
  const subscription = store.subscribe({ after: 'end' }, (event) => {
    if (event.type === TIMED_TYPE)
      latencies.push(sharedClockMs() - (event.data as unknown as TimedPayload).sentAt);
  });
  try {
    await subscription.caughtUp;
    const output = await appendFromChild(
      'timed-appender.js',
      { target: folder, count: EVENTS, intervalMs: INTERVAL_MS, warmup: WARMUP },
      latencies,
    );
    const report = JSON.parse(output) as AppenderReport;
    ctx.note(
      `watch.latency: of that, the writer's own durable append took p50 ${report.appendP50Ms.toFixed(1)} ms, ` +
        `p99 ${report.appendP99Ms.toFixed(1)} ms.`,
    );
  } finally {
    subscription.close();
    await store.close();
  }
  return latencies;
}

async function rawLatencies(dir: string): Promise<number[]> {
  const file = path.join(dir, 'events.jsonl');
  const latencies: number[] = [];
  const stop = watchRawLines(file, latencies);
  try {
    await appendFromChild(
      'raw-line-appender.js',
      { target: file, count: EVENTS, intervalMs: INTERVAL_MS, warmup: WARMUP },
      latencies,
    );
  } finally {
    stop();
  }
  return latencies;
}

async function appendFromChild(
  script: string,
  args: AppenderArgs,
  latencies: readonly number[],
): Promise<string> {
  const output = await runChildScript(script, appenderArgs(args));
  await waitUntil(() => latencies.length >= args.count, GRACE_MS);
  return output;
}

/** p50 and p99 over all sent events; one that never arrived counts as infinitely late and is reported. */
async function quantiles(measure: () => Promise<number[]>): Promise<[Measured, Measured]> {
  try {
    const latencies = await measure();
    const lost = EVENTS - latencies.length;
    const all = [...latencies, ...Array<number>(Math.max(0, lost)).fill(Infinity)];
    const problem =
      lost > 0
        ? `${lost} of ${EVENTS} events never arrived (waited ${GRACE_MS} ms after the last)`
        : undefined;
    return [50, 99].map((p): Measured => {
      const value = percentile(all, p);
      if (value === Infinity) return { ok: false, error: problem ?? 'lost events' };
      return problem === undefined ? { ok: true, value } : { ok: true, value, problem };
    }) as [Measured, Measured];
  } catch (error) {
    return [failed(error), failed(error)];
  }
}
