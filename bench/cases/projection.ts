import fs from 'node:fs';
import path from 'node:path';
import {
  defaultSandboxPool,
  nodeSpawner,
  ProjectionProcess,
  ProjectionRunner,
  SandboxPool,
  userCode,
  type ProjectionCode,
} from '../../electron/projections/index.js';
import { openEventStore, type EventStore } from '../../electron/store/index.js';
import { alternatingRuns, asRate } from '../alternating-runs.js';
import { QUANTITY_BY_TYPE_PROJECTION, rawParseFold } from '../baselines/raw-parse-fold.js';
import type { BenchContext } from '../bench-context.js';
import { compare, type BenchRow, type CaseKind, type Measured } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { segmentPaths } from '../log-lines.js';
import { median } from '../timing.js';

const REBUILD: CaseKind = { case: 'projection.rebuild', unit: 'events/s', higherIsBetter: true };
const SEEK: CaseKind = { case: 'timetravel.seek', unit: 's', higherIsBetter: false };
const RUNS = 5;
const SEEKS = 25;

/**
 * A user projection (sandboxed, in a process of its own) rebuilt from nothing over the whole dataset:
 * start, fold every event, take its snapshots and write its checkpoint; against the same fold in plain
 * code over readFile + split + JSON.parse. Then time travel: the state at random positions (nearest
 * snapshot plus a replay), against the time of a full rebuild. Notes say what the process costs: its start,
 * and the host's checked read of the lines it feeds it.
 */
export const projectionRebuild: CaseFamily = {
  name: REBUILD.case,
  rows: [
    { kind: REBUILD, baseline: 'raw-parse-fold' },
    { kind: SEEK, baseline: 'projection.rebuild-time' },
  ],
  run: measureProjections,
};

async function measureProjections(ctx: BenchContext): Promise<BenchRow[]> {
  const { dir, events } = ctx.dataset;
  for (const file of segmentPaths(dir)) fs.readFileSync(file);
  const codeDir = ctx.temp.make('projection-code');
  const file = path.join(codeDir, 'quantities.js');
  fs.writeFileSync(file, QUANTITY_BY_TYPE_PROJECTION);
  const store = await openEventStore(dir, { watch: false, readOnly: true });
  try {
    const code = await userCode(file, dir);
    const expected = rawParseFold(dir);
    // One untimed rebuild first (it warms the worker code and the page cache), checked against plain code.
    await rebuild(store, code, expected.state);
    const [rebuildMs, rawMs] = await alternatingRuns(
      RUNS,
      [
        {
          name: `${REBUILD.case}: eventfold`,
          run: () => rebuild(store, code),
          // The pool starts the next spare once the rebuild's process is done: not in the other side's time.
          after: () => defaultSandboxPool().spareReady(),
        },
        {
          name: `${REBUILD.case}: raw-parse-fold`,
          run: () => Promise.resolve(checkRaw(dir, expected.state)),
        },
      ],
      ctx.progress,
    );
    const seek = await measureSeeks(store, code, events, ctx);
    const cost = await processCost(store, code);
    ctx.note(
      `${REBUILD.case}: median of ${RUNS} alternating runs; a sandboxed user projection (quantity per event type) ` +
        `rebuilt with an empty cache: process start (a warm spare), fold, snapshots (at most 128, evenly spaced), checkpoint; segment files warm. ` +
        'The pool starts the next spare once the rebuild is done; the runs wait for it, untimed.',
    );
    ctx.note(
      `${REBUILD.case}: the sandbox process costs ${cost.coldMs.toFixed(0)} ms to start and load the projection ` +
        `without a spare, ${cost.warmMs.toFixed(0)} ms from a warm spare (medians of ${COST_RUNS}); the host reads the ` +
        `whole log through the store's checked path in ${cost.readMs.toFixed(0)} ms (a plain readFile of the segments: ` +
        `${cost.rawReadMs.toFixed(0)} ms) and sends it through a pipe.`,
    );
    ctx.note(
      `${SEEK.case}: median of ${SEEKS} states at random positions from the rebuilt projection's snapshots ` +
        '(nearest snapshot at or before the position, plus a replay in its process).',
    );
    return [
      compare(
        REBUILD,
        asRate(rebuildMs ?? notRun, events),
        'raw-parse-fold',
        asRate(rawMs ?? notRun, events),
      ),
      compare(SEEK, seek, 'projection.rebuild-time', seconds(rebuildMs ?? notRun)),
    ];
  } finally {
    await store.close();
    fs.rmSync(path.join(dir, 'cache', 'projections'), { recursive: true, force: true });
  }
}

const notRun = { ok: false, error: 'not run' } as const;
const COST_RUNS = 5;

/** What moving projections into processes costs: starting one (with and without a spare), and the feed. */
async function processCost(
  store: EventStore,
  code: ProjectionCode,
): Promise<{ coldMs: number; warmMs: number; readMs: number; rawReadMs: number }> {
  const start = async (sandbox: SandboxPool): Promise<number> => {
    const started = performance.now();
    const sandboxed = await ProjectionProcess.start(code.name, store, code.setup, { sandbox });
    const ms = performance.now() - started;
    await sandboxed.terminate();
    return ms;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  const spares = new SandboxPool(nodeSpawner, { spare: true });
  try {
    for (let i = 0; i < COST_RUNS; i++) {
      cold.push(await start(new SandboxPool(nodeSpawner, { spare: false })));
      await start(spares);
      // The spare starts once the process before it is done, as between two projections in the app.
      await spares.spareReady();
      warm.push(await start(spares));
    }
  } finally {
    spares.close();
  }
  const read: number[] = [];
  const rawRead: number[] = [];
  for (let i = 0; i < COST_RUNS; i++) {
    const started = performance.now();
    for await (const chunk of store.readCheckedLines(1, store.lastPosition)) void chunk;
    read.push(performance.now() - started);
    const rawStarted = performance.now();
    for (const file of segmentPaths(store.folder)) fs.readFileSync(file);
    rawRead.push(performance.now() - rawStarted);
  }
  return { coldMs: median(cold), warmMs: median(warm), readMs: median(read), rawReadMs: median(rawRead) };
}

function seconds(measured: Measured): Measured {
  return measured.ok ? { ok: true, value: measured.value / 1000 } : measured;
}

/** Rebuilds from an empty cache; with `expected`, also checks the state against the plain fold's. */
async function rebuild(store: EventStore, code: ProjectionCode, expected?: unknown): Promise<void> {
  fs.rmSync(path.join(store.folder, 'cache', 'projections'), { recursive: true, force: true });
  const runner = await ProjectionRunner.start(store, code, { follow: false });
  try {
    const status = await runner.caughtUp();
    if (status.fault !== null) throw new Error(`the projection faulted: ${status.fault.error}`);
    if (status.position !== store.lastPosition)
      throw new Error(`folded ${status.position} of ${store.lastPosition}`);
    if (expected !== undefined) {
      const state = await runner.stateAt(store.lastPosition);
      if (JSON.stringify(state) !== JSON.stringify(expected))
        throw new Error('the projection disagrees with plain code');
    }
  } finally {
    await runner.close();
  }
}

async function measureSeeks(
  store: EventStore,
  code: ProjectionCode,
  events: number,
  ctx: BenchContext,
): Promise<Measured> {
  const runner = await ProjectionRunner.start(store, code, { follow: false });
  try {
    await runner.caughtUp();
    const samples: number[] = [];
    let seed = 12345;
    for (let i = 0; i < SEEKS; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const position = 1 + (seed % events);
      const start = performance.now();
      const state = await runner.stateAt(position);
      samples.push((performance.now() - start) / 1000);
      if (typeof state !== 'object' || state === null) throw new Error(`no state at ${position}`);
    }
    ctx.progress(`${SEEK.case}: ${SEEKS} seeks`);
    return { ok: true, value: median(samples) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await runner.close();
  }
}

function checkRaw(dir: string, expected: unknown): void {
  const { state } = rawParseFold(dir);
  if (JSON.stringify(state) !== JSON.stringify(expected))
    throw new Error('raw-parse-fold changed its answer');
}
