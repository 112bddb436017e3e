/** One line of the result: a case measured against one baseline, both in the same run. */
export interface BenchRow {
  readonly case: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly eventfold: number | null;
  readonly baseline: string;
  readonly baselineValue: number | null;
  /** eventfold / baselineValue; null when either side failed or there is no baseline. */
  readonly ratio: number | null;
  /** Why the store's side has no value, or what is wrong with the value it has (then the target is missed). */
  readonly eventfoldProblem?: string;
  readonly baselineProblem?: string;
}

export interface CaseKind {
  readonly case: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
}

/**
 * A measurement that may have failed: one broken baseline must not hide the others. A value may come
 * with a problem (events that never arrived, say): it is reported, and it counts as a missed target.
 */
export type Measured =
  | { readonly ok: true; readonly value: number; readonly problem?: string }
  | { readonly ok: false; readonly error: string };

export async function attempt(measure: () => Promise<number>): Promise<Measured> {
  try {
    return { ok: true, value: await measure() };
  } catch (error) {
    return failed(error);
  }
}

export function failed(error: unknown): Measured {
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

export function compare(
  kind: CaseKind,
  eventfold: Measured,
  baseline: string,
  baselineValue: Measured,
): BenchRow {
  const ratio =
    eventfold.ok && baselineValue.ok && baselineValue.value > 0
      ? eventfold.value / baselineValue.value
      : null;
  const eventfoldProblem = problemOf(eventfold);
  const baselineProblem = problemOf(baselineValue);
  return {
    case: kind.case,
    unit: kind.unit,
    higherIsBetter: kind.higherIsBetter,
    eventfold: eventfold.ok ? eventfold.value : null,
    baseline,
    baselineValue: baselineValue.ok ? baselineValue.value : null,
    ratio,
    ...(eventfoldProblem === undefined ? {} : { eventfoldProblem }),
    ...(baselineProblem === undefined ? {} : { baselineProblem }),
  };
}

function problemOf(measured: Measured): string | undefined {
  return measured.ok ? measured.problem : measured.error;
}
