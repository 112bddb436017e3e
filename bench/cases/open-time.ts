import { openEventStore, type EventStore, type OpenOptions } from '../../electron/store/index.js';
import { alternatingRuns } from '../alternating-runs.js';
import type { BenchContext } from '../bench-context.js';
import { compare, type BenchRow, type CaseKind, type Measured } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';

const OPEN_WARM: CaseKind = { case: 'open.warm', unit: 's', higherIsBetter: false };
const RUNS = 3;

/** Reopening a big folder: with the index cache it should take a fraction of the full scan. */
export const openTimes: CaseFamily = {
  name: OPEN_WARM.case,
  rows: [{ kind: OPEN_WARM, baseline: 'open.cold' }],
  run: measureOpenTimes,
};

async function measureOpenTimes(ctx: BenchContext): Promise<BenchRow[]> {
  const { dir } = ctx.dataset;
  ctx.progress(`${OPEN_WARM.case}: a first open writes the index cache`);
  let prepared: Measured = { ok: true, value: 0 };
  try {
    // The previous session: opened with the cache on, its close() writes the cache.
    await (await openEventStore(dir, { cache: true, watch: false })).close();
  } catch (error) {
    prepared = {
      ok: false,
      error: `writing the cache: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const [warmMs, coldMs] = await alternatingRuns(
    RUNS,
    [
      { name: `${OPEN_WARM.case}: open.warm`, ...timedOpen(dir, { cache: true, watch: false }) },
      { name: `${OPEN_WARM.case}: open.cold`, ...timedOpen(dir, { cache: false, watch: false }) },
    ],
    ctx.progress,
  );
  ctx.note(`${OPEN_WARM.case}: median of ${RUNS} alternating opens (watch: false); the close is not timed.`);
  const warm = prepared.ok ? seconds(warmMs) : prepared;
  return [compare(OPEN_WARM, warm, 'open.cold', seconds(coldMs))];
}

/** The open is timed; the close comes after, untimed. */
function timedOpen(
  dir: string,
  options: OpenOptions,
): { run: () => Promise<void>; after: () => Promise<void> } {
  let store: EventStore | undefined;
  return {
    run: async () => {
      store = await openEventStore(dir, options);
    },
    after: async () => {
      await store?.close();
      store = undefined;
    },
  };
}

function seconds(measured: Measured | undefined): Measured {
  if (measured === undefined) return { ok: false, error: 'not run' };
  return measured.ok ? { ok: true, value: measured.value / 1000 } : measured;
}
