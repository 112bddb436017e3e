import type { BenchRow } from './bench-row.js';

/**
 * DESIGN.md "Performance targets" for the rows this benchmark prints. A target bounds either the ratio
 * against the row's baseline or, where the design gives an absolute figure, the eventfold value itself.
 */
export interface Target {
  readonly case: string;
  readonly baseline: string;
  readonly on: 'ratio' | 'value';
  readonly op: '>=' | '<=';
  readonly bound: number;
}

export const TARGETS: readonly Target[] = [
  { case: 'append.sequential.durable', baseline: 'raw-fdatasync', on: 'ratio', op: '>=', bound: 0.8 },
  { case: 'append.sequential.durable', baseline: 'sqlite-wal-full', on: 'ratio', op: '>=', bound: 0.9 },
  {
    case: 'append.concurrent256.durable',
    baseline: 'append.sequential.durable',
    on: 'ratio',
    op: '>=',
    bound: 20,
  },
  {
    case: 'append.batch1000.durable',
    baseline: 'sqlite-wal-full-batch1000',
    on: 'ratio',
    op: '>=',
    bound: 0.6,
  },
  { case: 'import.stdin', baseline: 'sqlite-import-batch1000', on: 'ratio', op: '>=', bound: 0.5 },
  // Memory flat in the input size: ten times the lines may cost no more than this at the peak (holding
  // the input would cost hundreds of MB at 100k lines); the young generation's growth is most of it.
  { case: 'import.stdin.rss-growth', baseline: 'none', on: 'value', op: '<=', bound: 32 },
  { case: 'read.all.cold', baseline: 'raw-parse', on: 'ratio', op: '>=', bound: 0.7 },
  { case: 'open.warm', baseline: 'open.cold', on: 'ratio', op: '<=', bound: 0.1 },
  { case: 'watch.latency.p50', baseline: 'raw-fs-watch', on: 'value', op: '<=', bound: 20 },
  { case: 'watch.latency.p99', baseline: 'raw-fs-watch', on: 'value', op: '<=', bound: 100 },
  { case: 'index.bytes-per-event', baseline: 'none', on: 'value', op: '<=', bound: 64 },
  { case: 'renderer.heap', baseline: 'none', on: 'value', op: '<=', bound: 150 },
  { case: 'main.rss', baseline: 'none', on: 'value', op: '<=', bound: 300 },
  { case: 'diff.1mb.one-change', baseline: 'none', on: 'value', op: '<=', bound: 20 },
  { case: 'projection.rebuild', baseline: 'raw-parse-fold', on: 'ratio', op: '>=', bound: 0.6 },
  { case: 'timetravel.seek', baseline: 'projection.rebuild-time', on: 'ratio', op: '<=', bound: 0.05 },
  { case: 'export.jsonl', baseline: 'plain-stringify-write', on: 'ratio', op: '>=', bound: 0.5 },
  { case: 'export.csv', baseline: 'plain-csv-stringify-write', on: 'ratio', op: '>=', bound: 0.3 },
  // The journal, 100k messages in one channel: the Node side's part of "first screen <= 300 ms after open",
  // and the main process memory with its views open (DESIGN: main process RSS <= 300 MB).
  { case: 'journal.first-page', baseline: 'none', on: 'value', op: '<=', bound: 300 },
  { case: 'journal.main.rss', baseline: 'none', on: 'value', op: '<=', bound: 300 },
  // The page's part in Chromium: the first screen from the app's address (its load included) and the
  // heap once scrolled up and jumped to the oldest message (DESIGN: renderer heap <= 150 MB).
  { case: 'journal.renderer.first-screen', baseline: 'none', on: 'value', op: '<=', bound: 300 },
  { case: 'journal.renderer.heap', baseline: 'none', on: 'value', op: '<=', bound: 150 },
  // DESIGN.md "journal search, 100k messages".
  { case: 'journal.search.build', baseline: 'minisearch-alone', on: 'ratio', op: '>=', bound: 0.7 },
  { case: 'journal.search.query.p50', baseline: 'none', on: 'value', op: '<=', bound: 20 },
  { case: 'journal.search.append-to-searchable.p50', baseline: 'none', on: 'value', op: '<=', bound: 100 },
  { case: 'journal.search.worker-rss', baseline: 'none', on: 'value', op: '<=', bound: 250 },
];

export function targetFor(row: BenchRow): Target | undefined {
  return TARGETS.find((target) => target.case === row.case && target.baseline === row.baseline);
}

/** A target is met only by a number, and not by one the store's side reported a problem with. */
export function meets(row: BenchRow, target: Target): boolean {
  if (row.eventfoldProblem !== undefined) return false;
  const value = target.on === 'ratio' ? row.ratio : row.eventfold;
  if (value === null || !Number.isFinite(value)) return false;
  return target.op === '>=' ? value >= target.bound : value <= target.bound;
}

export function describeTarget(target: Target, unit: string): string {
  return target.on === 'ratio' ? `${target.op} ${target.bound}x` : `${target.op} ${target.bound} ${unit}`;
}
