import type { BenchRow } from './bench-row.js';
import { describeTarget, meets, targetFor } from './targets.js';

const HEADERS = [
  'case',
  'baseline',
  'eventfold',
  'baseline value',
  'unit',
  'ratio',
  'target',
  'met',
] as const;

/** The run's result as an aligned text table, one row per case and baseline. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => {
    const target = targetFor(row);
    return [
      row.case,
      row.baseline,
      formatValue(row.eventfold, row.unit),
      row.baseline === 'none' ? '-' : formatValue(row.baselineValue, row.unit),
      row.unit,
      row.ratio === null ? '-' : `${row.ratio.toFixed(row.ratio < 0.1 ? 3 : 2)}x`,
      target === undefined ? '-' : describeTarget(target, row.unit),
      target === undefined ? '' : meets(row, target) ? 'PASS' : 'FAIL',
    ];
  });
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) => (i >= 2 && i <= 5 ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const problems = rows.flatMap((row) => [
    ...(row.eventfoldProblem === undefined ? [] : [`  ! ${row.case}, eventfold: ${row.eventfoldProblem}`]),
    ...(row.baselineProblem === undefined
      ? []
      : [`  ! ${row.case}, ${row.baseline}: ${row.baselineProblem}`]),
  ]);
  return [
    line(HEADERS),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.map(line),
    ...new Set(problems),
  ].join('\n');
}

/** One line saying which targets were missed, or that all were met. */
export function formatSummary(rows: readonly BenchRow[]): string {
  const targeted = rows.flatMap((row) => {
    const target = targetFor(row);
    return target === undefined ? [] : [{ row, target }];
  });
  const missed = targeted.filter(({ row, target }) => !meets(row, target));
  if (missed.length === 0) return `All ${targeted.length} targets met.`;
  const list = missed.map(({ row, target }) => {
    const value = target.on === 'ratio' ? row.ratio : row.eventfold;
    const actual =
      value === null
        ? 'not measured'
        : (target.on === 'ratio' ? `${value.toFixed(2)}x` : `${formatValue(value, row.unit)} ${row.unit}`) +
          (row.eventfoldProblem === undefined ? '' : `, but: ${row.eventfoldProblem}`);
    return `${row.case} vs ${row.baseline} (${actual}, target ${describeTarget(target, row.unit)})`;
  });
  return `Targets missed: ${missed.length} of ${targeted.length}: ${list.join('; ')}`;
}

function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'error';
  switch (unit) {
    case 'events/s':
      return Math.round(value).toLocaleString('en-US');
    case 's':
      return value.toFixed(value < 1 ? 4 : 2);
    default:
      return value.toFixed(value < 1 ? 2 : 1);
  }
}
