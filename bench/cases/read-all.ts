import fs from 'node:fs';
import { MAX_PAGE, openEventStore } from '../../electron/store/index.js';
import { rawParseAll } from '../baselines/raw-parse.js';
import { alternatingRuns, asRate } from '../alternating-runs.js';
import type { BenchContext } from '../bench-context.js';
import { compare, type BenchRow, type CaseKind } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { segmentPaths } from '../log-lines.js';

const READ_ALL: CaseKind = { case: 'read.all.cold', unit: 'events/s', higherIsBetter: true };
// The CLI's page size: big enough to amortise each read, small enough that a page does not outlive the
// young generation (10,000 parsed events a page roughly double the GC cost of a full read).
const PAGE = Math.min(1_000, MAX_PAGE);
const RUNS = 5;

/**
 * Opening a folder without its index cache and reading all of $all forwards in pages of 1,000: what
 * a projection rebuild or an export does. The open is included, since a cold reader has to scan first.
 */
export const readAll: CaseFamily = {
  name: READ_ALL.case,
  rows: [{ kind: READ_ALL, baseline: 'raw-parse' }],
  run: measureReadAll,
};

async function measureReadAll(ctx: BenchContext): Promise<BenchRow[]> {
  const { dir, events } = ctx.dataset;
  // The OS page cache cannot be dropped without root, so both sides read warm files instead: every
  // segment is read once up front, and the runs alternate.
  for (const file of segmentPaths(dir)) fs.readFileSync(file);
  // One untimed run of each side first, as the append cases do: the first run also compiles the code
  // (and starts the store's scan worker), which is start-up cost, not reading.
  await readEverything(dir, events);
  expectCount(rawParseAll(dir), events, 'raw-parse');
  const [eventfoldMs, rawMs] = await alternatingRuns(
    RUNS,
    [
      { name: `${READ_ALL.case}: eventfold`, run: () => readEverything(dir, events) },
      {
        name: `${READ_ALL.case}: raw-parse`,
        run: () => Promise.resolve(expectCount(rawParseAll(dir), events, 'raw-parse')),
      },
    ],
    ctx.progress,
  );
  ctx.note(
    `${READ_ALL.case}: median of ${RUNS} alternating runs after one untimed run of each; open (cache: false, watch: false, progressive: true, as \`eventfold read --json\` does) + readAll in ` +
      `pages of ${PAGE}; segment files warm in the OS page cache for both sides (dropping it needs root).`,
  );
  return [
    compare(READ_ALL, asRate(eventfoldMs ?? notRun, events), 'raw-parse', asRate(rawMs ?? notRun, events)),
  ];
}

const notRun = { ok: false, error: 'not run' } as const;

async function readEverything(dir: string, expected: number): Promise<void> {
  // As `eventfold read --json` opens a folder: reading starts while the worker is still indexing.
  const store = await openEventStore(dir, { cache: false, watch: false, progressive: true });
  try {
    let read = 0;
    let from: number | undefined;
    for (;;) {
      const page = await store.readAll({ limit: PAGE, ...(from === undefined ? {} : { from }) });
      read += page.events.length;
      if (page.next === null) break;
      from = page.next;
    }
    expectCount(read, expected, 'eventfold');
  } finally {
    await store.close();
  }
}

function expectCount(actual: number, expected: number, who: string): void {
  if (actual !== expected) throw new Error(`${who} read ${actual} events, expected ${expected}`);
}
