import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { RecordedEvent } from '../../shared/event.js';
import { compileLogFilter } from '../../electron/api/log-filter.js';
import {
  exportEvents,
  FileOutput,
  folderReport,
  renderReport,
  selectionOf,
  type BuiltReport,
} from '../../electron/reports/index.js';
import { openEventStore, recordedEventFromLine, type EventStore } from '../../electron/store/index.js';
import { alternatingRuns, asRate } from '../alternating-runs.js';
import type { BenchContext } from '../bench-context.js';
import { compare, type BenchRow, type CaseKind } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { readLogLines } from '../log-lines.js';

const JSONL: CaseKind = { case: 'export.jsonl', unit: 'events/s', higherIsBetter: true };
const CSV: CaseKind = { case: 'export.csv', unit: 'events/s', higherIsBetter: true };
const PDF: CaseKind = { case: 'report.pdf.20pages', unit: 'ms', higherIsBetter: false };
const RUNS = 3;
const COLUMNS = [
  'position',
  'time',
  'stream',
  'revision',
  'type',
  'id',
  'data.sku',
  'data.qty',
  'data.price',
  'data.note',
];
const WRITE_CHUNK = 1 << 20;
/** Rows of the report's long table: about 20 A4 pages with its charts. */
const REPORT_ROWS = 780;

/**
 * Export of the whole dataset to JSON lines and to CSV through `eventfold export`'s code (open with the
 * index cache, stream, stamp), against a plain stringify-and-write of the same events already parsed in
 * memory (what a script with the events in hand does). And a 20-page PDF report beside the same report
 * as HTML.
 */
export const exports: CaseFamily = {
  name: 'export',
  rows: [
    { kind: JSONL, baseline: 'plain-stringify-write' },
    { kind: CSV, baseline: 'plain-csv-stringify-write' },
    { kind: PDF, baseline: 'html-report' },
  ],
  run: measureExports,
};

async function measureExports(ctx: BenchContext): Promise<BenchRow[]> {
  const { dir, events } = ctx.dataset;
  const out = ctx.temp.make('exports');
  // Warm the index cache and the page cache once, untimed, as a user's second export would find them.
  await withStore(dir, () => Promise.resolve());
  const parsed = readLogLines(dir).map((line) =>
    recordedEventFromLine(line.toString('utf8', 0, line.length - 1)),
  );
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sample = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const [jsonl, plainJson] = await alternatingRuns(
    RUNS,
    [
      {
        name: 'export.jsonl: eventfold',
        run: () => eventfoldExport(dir, 'jsonl', path.join(out, 'e.jsonl')),
      },
      {
        name: 'export.jsonl: plain',
        run: () => plainWrite(path.join(out, 'p.jsonl'), parsed, (e) => `${JSON.stringify(e)}\n`),
      },
    ],
    ctx.progress,
  );
  const [csv, plainCsv] = await alternatingRuns(
    RUNS,
    [
      { name: 'export.csv: eventfold', run: () => eventfoldExport(dir, 'csv', path.join(out, 'e.csv')) },
      { name: 'export.csv: plain', run: () => plainWrite(path.join(out, 'p.csv'), parsed, csvLine) },
    ],
    ctx.progress,
  );
  clearInterval(sample);
  ctx.note(
    `export.*: median of ${RUNS} alternating runs; eventfold = open (index cache warm) + export to a file with its stamp; the plain side stringifies events already parsed in memory and writes 1 MiB chunks. ` +
      `RSS while exporting ${events.toLocaleString('en-US')} events grew by ${mb(rssPeak - rssBefore)} (the plain side holds every parsed event: ${mb(rssBefore)} before).`,
  );

  const built = await withStore(dir, (store) => longReport(store));
  const pages =
    (await renderReport(built, 'pdf', reportBase(built))).bytes.toString('latin1').match(/\/Type \/Page\b/g)
      ?.length ?? 0;
  const [pdf, html] = await alternatingRuns(
    RUNS,
    [
      { name: 'report.pdf: pdf', run: () => renderReport(built, 'pdf', reportBase(built)) },
      { name: 'report.pdf: html', run: () => renderReport(built, 'html', reportBase(built)) },
    ],
    ctx.progress,
  );
  ctx.note(
    `report.pdf.20pages: a folder report of the dataset plus a ${REPORT_ROWS}-row table, ${pages} pages; the time to draw it (the events were read once before), PDF against the same report as HTML.`,
  );
  return [
    compare(JSONL, asRate(jsonl!, events), 'plain-stringify-write', asRate(plainJson!, events)),
    compare(CSV, asRate(csv!, events), 'plain-csv-stringify-write', asRate(plainCsv!, events)),
    compare(PDF, pdf!, 'html-report', html!),
  ];
}

async function withStore<T>(dir: string, use: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openEventStore(dir, { watch: false, readOnly: true });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function eventfoldExport(dir: string, format: 'jsonl' | 'csv', file: string): Promise<void> {
  await withStore(dir, async (store) => {
    const selection = selectionOf(store, { kind: 'all' }, {});
    const output = await FileOutput.create(file);
    await exportEvents(
      store,
      selection,
      compileLogFilter(selection.source, selection.filter),
      { format, columns: format === 'csv' ? COLUMNS : undefined },
      output,
    );
    await output.commit();
  });
}

function csvLine(event: RecordedEvent): string {
  const data = event.data as Record<string, unknown>;
  return stringify([
    [
      event.position,
      event.time,
      event.stream,
      event.revision,
      event.type,
      event.id,
      data.sku,
      data.qty,
      data.price,
      data.note,
    ],
  ]);
}

async function plainWrite(
  file: string,
  events: readonly RecordedEvent[],
  line: (event: RecordedEvent) => string,
): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  try {
    let chunk = '';
    for (const event of events) {
      chunk += line(event);
      if (chunk.length >= WRITE_CHUNK) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    await handle.write(chunk);
  } finally {
    await handle.close();
  }
}

async function longReport(store: EventStore): Promise<BuiltReport> {
  const selection = selectionOf(store, { kind: 'all' }, {});
  const built = await folderReport(store, selection, compileLogFilter(selection.source, selection.filter));
  const rows = (await store.readAll({ limit: REPORT_ROWS })).events.map((event) => [
    event.position,
    event.time,
    event.stream,
    event.type,
    JSON.stringify(event.data),
  ]);
  return {
    digest: built.digest,
    document: {
      ...built.document,
      blocks: [
        ...built.document.blocks,
        { kind: 'heading', text: 'First events' },
        { kind: 'table', columns: ['Position', 'Time', 'Stream', 'Type', 'Data'], rows, numeric: [0] },
      ],
    },
  };
}

function reportBase(built: BuiltReport): Parameters<typeof renderReport>[2] {
  return {
    kind: 'folder-report',
    folder: 'bench',
    selection: { source: { kind: 'all' }, filter: {}, from: 1, to: built.digest.last ?? 0, closed: false },
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}
