import type { BenchContext } from './bench-context.js';
import { compare, failed, type BenchRow, type CaseKind } from './bench-row.js';

/** A group of rows measured together (one case file). It lists its rows so a crash still reports them. */
export interface CaseFamily {
  readonly name: string;
  readonly rows: readonly { readonly kind: CaseKind; readonly baseline: string }[];
  /** `earlier` holds the rows of the families run before, for a case whose baseline is another case. */
  run(ctx: BenchContext, earlier: readonly BenchRow[]): Promise<BenchRow[]>;
}

/** Runs a family; anything it throws becomes failed rows rather than the end of the benchmark. */
export async function runFamily(
  family: CaseFamily,
  ctx: BenchContext,
  earlier: readonly BenchRow[],
): Promise<BenchRow[]> {
  try {
    return await family.run(ctx, earlier);
  } catch (error) {
    return family.rows.map(({ kind, baseline }) => compare(kind, failed(error), baseline, failed(error)));
  }
}
