import type { JsonValue } from '../../shared/event.js';
import { diffJson } from '../../shared/json-diff/index.js';
import type { BenchContext } from '../bench-context.js';
import { attempt, compare, type BenchRow, type CaseKind } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { median } from '../timing.js';
import { orderStates } from './diff-state.js';

const DIFF_1MB: CaseKind = { case: 'diff.1mb.one-change', unit: 'ms', higherIsBetter: false };
const TARGET_BYTES = 1_000_000;
const RUNS = 21;

/**
 * The structural diff of two ~1 MB projection states that differ in one leaf. Both are parsed from JSON
 * separately, as two states read at two positions would be: no subtree is shared, so nothing can be
 * skipped by reference and the diff has to walk both.
 */
export const diffStates: CaseFamily = {
  name: DIFF_1MB.case,
  rows: [{ kind: DIFF_1MB, baseline: 'none' }],
  run: measureDiff,
};

async function measureDiff(ctx: BenchContext): Promise<BenchRow[]> {
  const measured = await attempt(() => {
    const { text, streams } = stateOfAboutOneMegabyte();
    const before = JSON.parse(text) as JsonValue;
    const after = JSON.parse(text) as Record<string, { lines: { qty: number }[] }>;
    const middle = after[`order-${Math.floor(streams / 2)}`]!;
    middle.lines[0]!.qty += 1;
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const changes = diffJson(before, after);
      samples.push(performance.now() - start);
      if (changes.length !== 1) throw new Error(`expected one change, the diff found ${changes.length}`);
    }
    ctx.note(
      `${DIFF_1MB.case}: median of ${RUNS} diffs of two states of ${streams.toLocaleString('en-US')} order ` +
        `streams (${(text.length / 1e6).toFixed(2)} MB of JSON each, parsed separately) differing in one ` +
        `quantity; the first runs include compiling the diff.`,
    );
    return Promise.resolve(median(samples));
  });
  return [compare(DIFF_1MB, measured, 'none', { ok: true, value: 0 })];
}

function stateOfAboutOneMegabyte(): { text: string; streams: number } {
  const sample = JSON.stringify(orderStates(100)).length / 100;
  const streams = Math.round(TARGET_BYTES / sample);
  return { text: JSON.stringify(orderStates(streams)), streams };
}
