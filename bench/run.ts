// `npm run bench [-- --quick] [-- --json FILE]`: measures the store against raw baselines in one run and
// prints the table with DESIGN.md's targets. It exits 0 whatever the numbers: the table is the result.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchContext } from './bench-context.js';
import type { BenchRow } from './bench-row.js';
import { runFamily, type CaseFamily } from './case-family.js';
import { batchAppends } from './cases/append-batch.js';
import { concurrentAppends } from './cases/append-concurrent.js';
import { sequentialAppends } from './cases/append-sequential.js';
import { diffStates } from './cases/diff.js';
import { exports } from './cases/export.js';
import { importStdin } from './cases/import-stdin.js';
import { indexMemory } from './cases/index-memory.js';
import { journalViews } from './cases/journal.js';
import { journalRenderer } from './cases/journal-renderer.js';
import { journalSearch } from './cases/journal-search.js';
import { openTimes } from './cases/open-time.js';
import { projectionRebuild } from './cases/projection.js';
import { readAll } from './cases/read-all.js';
import { rendererLog } from './cases/renderer.js';
import { watchLatency } from './cases/watch-latency.js';
import { createDataset } from './dataset.js';
import { formatSummary, formatTable } from './result-table.js';
import { TempDirs } from './temp-dirs.js';

// --only CASE runs the case families whose name (or a row's case) starts with CASE, e.g. --only projection.
const USAGE = 'usage: npm run bench [-- --quick] [-- --events N] [-- --json FILE] [-- --only CASE]';
const FULL_EVENTS = 1_000_000;
const QUICK_EVENTS = 100_000;

/** In order: the concurrent case compares itself with the sequential rate measured first. */
const FAMILIES: readonly CaseFamily[] = [
  sequentialAppends,
  concurrentAppends,
  batchAppends,
  importStdin,
  readAll,
  openTimes,
  watchLatency,
  indexMemory,
  rendererLog,
  diffStates,
  projectionRebuild,
  exports,
  journalViews,
  journalRenderer,
  // Last: it appends to the journal the two before measured.
  journalSearch,
];

function readArguments(): {
  quick: boolean;
  events: number;
  json: string | undefined;
  only: string | undefined;
} {
  try {
    const { values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        events: { type: 'string' },
        json: { type: 'string' },
        only: { type: 'string' },
      },
    });
    const events =
      values.events === undefined ? (values.quick ? QUICK_EVENTS : FULL_EVENTS) : Number(values.events);
    if (!Number.isInteger(events) || events < 1) throw new Error(`--events must be a positive integer`);
    return { quick: values.quick, events, json: values.json, only: values.only };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
}

const progress = (text: string): void => void process.stderr.write(`  · ${text}\n`);

async function main(): Promise<void> {
  const args = readArguments();
  const started = performance.now();
  const temp = new TempDirs();
  process.once('SIGINT', () => {
    temp.removeAll();
    process.exit(130);
  });
  const notes: string[] = [];
  const rows: BenchRow[] = [];
  try {
    progress(`generating ${args.events.toLocaleString('en-US')} events (durability 'none')`);
    const dataset = await createDataset(temp.make('dataset'), args.events, (done) => {
      if (done % 100_000 === 0) progress(`  ${done.toLocaleString('en-US')} events`);
    });
    const context: BenchContext = {
      quick: args.quick,
      dataset,
      temp,
      progress,
      note: (text) => notes.push(text),
    };
    const only = args.only;
    const chosen =
      only === undefined
        ? FAMILIES
        : FAMILIES.filter(
            (family) =>
              family.name.startsWith(only) || family.rows.some(({ kind }) => kind.case.startsWith(only)),
          );
    for (const family of chosen) {
      progress(family.name);
      rows.push(...(await runFamily(family, context, rows)));
    }
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    console.log(
      `\neventfold bench${args.quick ? ' --quick' : ''}: ${dataset.events.toLocaleString('en-US')} events, ` +
        `${(dataset.bytes / 2 ** 20).toFixed(1)} MiB, average line ${dataset.averageLineBytes.toFixed(1)} bytes ` +
        `(generated in ${dataset.seconds.toFixed(1)} s)`,
    );
    console.log(`node ${process.version}, ${os.cpus().length} x ${cpu}, temp dir ${os.tmpdir()}\n`);
    console.log(formatTable(rows));
    console.log('\nNotes:');
    for (const note of notes) console.log(`  - ${note}`);
    console.log(`\n${formatSummary(rows)}`);
    console.log(`Bench took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    if (args.json !== undefined) {
      fs.writeFileSync(args.json, JSON.stringify({ rows }, null, 2) + '\n');
      console.log(`Rows written to ${args.json}.`);
    }
  } finally {
    temp.removeAll();
  }
}

await main();
