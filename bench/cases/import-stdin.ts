import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initEventFolder } from '../../electron/store/index.js';
import { alternatingRuns, asRate } from '../alternating-runs.js';
import type { BenchContext } from '../bench-context.js';
import { attempt, compare, type BenchRow, type CaseKind, type Measured } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { segmentPaths } from '../log-lines.js';

const IMPORT: CaseKind = { case: 'import.stdin', unit: 'events/s', higherIsBetter: true };
const RSS_GROWTH: CaseKind = { case: 'import.stdin.rss-growth', unit: 'MB', higherIsBetter: false };
const RUNS = 3;

const BIN = fileURLToPath(new URL('../../../bin/eventfold.js', import.meta.url));
const SQLITE_IMPORTER = fileURLToPath(new URL('../children/sqlite-importer.js', import.meta.url));
/** Reports a process's peak RSS when it exits (tests/children/peak-rss.ts, built beside the bench). */
const PEAK_RSS_PRELOAD = fileURLToPath(new URL('../../tests/children/peak-rss.js', import.meta.url));

/**
 * `eventfold append DIR --stdin < lines` end to end (a new process: start, open, import, close) against a
 * better-sqlite3 importer of the same lines (also a new process, 1000 rows a transaction, WAL, FULL); and
 * how much more memory the import takes at its peak for all the lines than for a tenth of them: flat is
 * about nothing, where holding the input would cost hundreds of bytes a line.
 */
export const importStdin: CaseFamily = {
  name: IMPORT.case,
  rows: [
    { kind: IMPORT, baseline: 'sqlite-import-batch1000' },
    { kind: RSS_GROWTH, baseline: 'none' },
  ],
  run: measureImport,
};

async function measureImport(ctx: BenchContext): Promise<BenchRow[]> {
  const lines = ctx.dataset.events;
  const input = path.join(ctx.temp.make('import-input'), 'events.jsonl');
  const tenth = path.join(path.dirname(input), 'tenth.jsonl');
  ctx.progress(`${IMPORT.case}: writing ${lines.toLocaleString('en-US')} input lines`);
  await writeImportLines(ctx.dataset.dir, input, tenth, Math.ceil(lines / 10));
  let folder = '';
  let peakRss = 0;
  let database = '';
  const [eventfold, sqlite] = await alternatingRuns(
    RUNS,
    [
      {
        name: 'eventfold append --stdin',
        run: async () => {
          if (folder !== '') fs.rmSync(path.dirname(folder), { recursive: true, force: true });
          folder = path.join(ctx.temp.make('import-eventfold'), 'events');
          await initEventFolder(folder);
          peakRss = await runImport([BIN, 'append', folder, '--stdin'], input, expectSummary(lines));
        },
      },
      {
        name: 'sqlite importer',
        run: async () => {
          if (database !== '') fs.rmSync(path.dirname(database), { recursive: true, force: true });
          database = path.join(ctx.temp.make('import-sqlite'), 'events.sqlite');
          await runImport([SQLITE_IMPORTER, database], input, (out) => out.trim() === String(lines));
        },
      },
    ],
    (text) => ctx.progress(`${IMPORT.case}: ${text}`),
  );
  // The index grows with the folder, not the input: the tenth goes into the folder of the last full import,
  // which then holds more events than after it. Flat memory means no more for ten times the input.
  const tenthRss: Measured = await attempt(() =>
    runImport([BIN, 'append', folder, '--stdin'], tenth, () => true),
  );
  const growth: Measured =
    peakRss > 0 && tenthRss.ok
      ? { ok: true, value: (peakRss - tenthRss.value) / 1e6 }
      : { ok: false, error: tenthRss.ok ? 'not measured' : tenthRss.error };
  ctx.note(
    `${IMPORT.case}: median of ${RUNS} alternating runs of each side, each a new process reading the same ` +
      `${lines.toLocaleString('en-US')} JSON lines ({stream, type, data}) from a file on stdin into a new ` +
      'folder (durability always) or database; sqlite-import-batch1000 = readline, JSON.parse, one INSERT a ' +
      `line, 1000 a transaction, WAL, synchronous=FULL. ${RSS_GROWTH.case}: the import's peak RSS for all ` +
      `the lines into a new folder (${(peakRss / 1e6).toFixed(0)} MB) minus its peak RSS for the last tenth ` +
      `of them into the folder that import left (${tenthRss.ok ? (tenthRss.value / 1e6).toFixed(0) : '?'} MB; ` +
      "the folder's index is the larger in that run).",
  );
  return [
    compare(
      IMPORT,
      asRate(eventfold ?? { ok: false, error: 'not run' }, lines),
      'sqlite-import-batch1000',
      asRate(sqlite ?? { ok: false, error: 'not run' }, lines),
    ),
    compare(RSS_GROWTH, growth, 'none', { ok: true, value: 0 }),
  ];
}

/** The dataset's events as `append --stdin` lines; the last tenth of them also to a file of their own. */
async function writeImportLines(
  folder: string,
  file: string,
  tenthFile: string,
  tenthCount: number,
): Promise<void> {
  const out = fs.createWriteStream(file);
  const tail: string[] = [];
  for (const segment of segmentPaths(folder)) {
    for (const stored of fs.readFileSync(segment, 'utf8').split('\n')) {
      if (stored === '') continue;
      const { stream, type, data } = JSON.parse(stored) as { stream: string; type: string; data: unknown };
      const line = `${JSON.stringify({ stream, type, data })}\n`;
      tail.push(line);
      if (tail.length > tenthCount) tail.shift();
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  fs.writeFileSync(tenthFile, tail.join(''));
}

/** Runs a Node script with a file on stdin; resolves with its peak RSS in bytes once it exits 0. */
function runImport(
  args: readonly string[],
  input: string,
  accept: (stdout: string) => boolean,
): Promise<number> {
  const report = `${input}.peak-rss`;
  const stdin = fs.openSync(input, 'r');
  const child = spawn(process.execPath, ['--import', PEAK_RSS_PRELOAD, ...args], {
    stdio: [stdin, 'pipe', 'pipe'],
    env: { ...process.env, EVENTFOLD_PEAK_RSS_FILE: report },
  });
  fs.closeSync(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0 || !accept(stdout)) {
        reject(
          new Error(
            `${path.basename(args[0] ?? '')} exited ${String(code)}: ${stderr.trim() || stdout.trim()}`,
          ),
        );
        return;
      }
      resolve(Number(fs.readFileSync(report, 'utf8')));
    });
  });
}

function expectSummary(lines: number): (stdout: string) => boolean {
  const count = lines.toLocaleString('en-US');
  return (stdout) => stdout.startsWith(`Read ${count} lines: appended ${count} events`);
}
