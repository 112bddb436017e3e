import type { BenchContext } from '../bench-context.js';
import { attempt, compare, type BenchRow, type CaseKind } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { runChildScript } from '../child-script.js';

const INDEX_MEMORY: CaseKind = { case: 'index.bytes-per-event', unit: 'bytes', higherIsBetter: false };

interface MemoryReport {
  readonly events: number;
  readonly retainedBytes: number;
  readonly indexBytes: number;
  readonly rssBytes: number;
}

/**
 * Memory an open folder keeps per event, measured from outside the store's own accounting: heap plus
 * ArrayBuffers retained by a cold open, in a fresh process, after full collections.
 */
export const indexMemory: CaseFamily = {
  name: INDEX_MEMORY.case,
  rows: [{ kind: INDEX_MEMORY, baseline: 'none' }],
  run: measureIndexMemory,
};

async function measureIndexMemory(ctx: BenchContext): Promise<BenchRow[]> {
  const { dir, events } = ctx.dataset;
  ctx.progress(`${INDEX_MEMORY.case}: cold open in a fresh process`);
  const perEvent = await attempt(async () => {
    const output = await runChildScript('index-memory.js', [dir], ['--expose-gc']);
    const report = JSON.parse(output) as MemoryReport;
    if (report.events !== events)
      throw new Error(`the child opened ${report.events} events, expected ${events}`);
    ctx.note(
      `${INDEX_MEMORY.case}: (heapUsed + arrayBuffers after - before a cold open) / N, fresh process with ` +
        `--expose-gc; store.indexBytes / N = ${(report.indexBytes / events).toFixed(1)}; ` +
        `child RSS with the folder open ${(report.rssBytes / 2 ** 20).toFixed(0)} MB.`,
    );
    return report.retainedBytes / events;
  });
  return [compare(INDEX_MEMORY, perEvent, 'none', { ok: true, value: 0 })];
}
