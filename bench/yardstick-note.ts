import type { BenchContext } from './bench-context.js';
import type { Measured } from './bench-row.js';

/**
 * Says how the JavaScript yardstick (baselines/js-minimal-log.ts) itself fares against the baseline a
 * target is set on: the table compares only the store with each baseline.
 */
export function yardstickNote(
  ctx: BenchContext,
  caseName: string,
  yardstick: { readonly name: string; readonly measured: Measured | undefined },
  baseline: { readonly name: string; readonly measured: Measured | undefined },
): void {
  const ours = yardstick.measured;
  const theirs = baseline.measured;
  if (ours?.ok !== true || theirs?.ok !== true || theirs.value <= 0) return;
  ctx.note(
    `${caseName}: ${yardstick.name} itself reaches ${(ours.value / theirs.value).toFixed(2)}x of ${baseline.name}.`,
  );
}
