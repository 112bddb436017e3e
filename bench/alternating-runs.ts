import type { Measured } from './bench-row.js';
import { elapsedMs, median } from './timing.js';

export interface Side {
  readonly name: string;
  readonly run: () => Promise<unknown>;
  /** Untimed work after each run (closing what the run opened). */
  readonly after?: () => Promise<unknown>;
}

/**
 * Runs the sides in turn, `runs` times over, so that drift in the machine (page cache, CPU clock, other
 * work) affects every side alike. A side that throws is not run again; the others go on. Returns each
 * side's median milliseconds, in the order given.
 */
export async function alternatingRuns(
  runs: number,
  sides: readonly Side[],
  progress: (text: string) => void,
): Promise<Measured[]> {
  const samples = sides.map(() => [] as number[]);
  const errors: (string | undefined)[] = sides.map(() => undefined);
  for (let run = 1; run <= runs; run++) {
    for (const [i, side] of sides.entries()) {
      if (errors[i] !== undefined) continue;
      progress(`${side.name} run ${run}/${runs}`);
      try {
        samples[i]?.push(await elapsedMs(side.run));
        await side.after?.();
      } catch (error) {
        errors[i] = error instanceof Error ? error.message : String(error);
      }
    }
  }
  return sides.map((_, i): Measured => {
    const error = errors[i];
    return error === undefined ? { ok: true, value: median(samples[i] ?? []) } : { ok: false, error };
  });
}

/** Converts a measured duration into a rate, keeping a failure as it is. */
export function asRate(measured: Measured, count: number): Measured {
  return measured.ok ? { ok: true, value: count / (measured.value / 1000) } : measured;
}
