import fs from 'node:fs';
import path from 'node:path';
import { ProjectionRunner, userCode, type ProjectionCode } from '../../electron/projections/index.js';
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
 * A user projection (sandboxed, in its worker) rebuilt from nothing over the whole dataset: start, fold
 * every event, take its snapshots and write its checkpoint; against the same fold in plain code over
 * readFile + split + JSON.parse. Then time travel: the state at random positions (nearest snapshot plus a
 * replay), against the time of a full rebuild.
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
        { name: `${REBUILD.case}: eventfold`, run: () => rebuild(store, code) },
        {
          name: `${REBUILD.case}: raw-parse-fold`,
          run: () => Promise.resolve(checkRaw(dir, expected.state)),
        },
      ],
      ctx.progress,
    );
    const seek = await measureSeeks(store, code, events, ctx);
    ctx.note(
      `${REBUILD.case}: median of ${RUNS} alternating runs; a sandboxed user projection (quantity per event type) ` +
        `rebuilt with an empty cache: worker start, fold, snapshots (at most 128, evenly spaced), checkpoint; segment files warm.`,
    );
    ctx.note(
      `${SEEK.case}: median of ${SEEKS} states at random positions from the rebuilt projection's snapshots ` +
        '(nearest snapshot at or before the position, plus a replay in the worker).',
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
