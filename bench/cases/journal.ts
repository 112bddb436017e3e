import fs from 'node:fs';
import path from 'node:path';
import { JournalReadModel } from '../../electron/journal/index.js';
import { ReadModelRunner } from '../../electron/read-models/index.js';
import { openEventStore, type EventStore } from '../../electron/store/index.js';
import { alternatingRuns, asRate } from '../alternating-runs.js';
import type { BenchContext } from '../bench-context.js';
import { attempt, compare, type BenchRow, type CaseKind, type Measured } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { runChildScript } from '../child-script.js';
import { BENCH_CHANNEL, benchJournal, isDeleted, messageTime } from '../journal-dataset.js';
import { segmentPaths } from '../log-lines.js';
import { median } from '../timing.js';

const RUNS = 3;
const CATCH_UP: CaseKind = { case: 'journal.catchup', unit: 'events/s', higherIsBetter: true };
const FIRST_PAGE: CaseKind = { case: 'journal.first-page', unit: 'ms', higherIsBetter: false };
const FIRST_PAGE_COLD: CaseKind = { case: 'journal.first-page.rebuild', unit: 'ms', higherIsBetter: false };
const RSS: CaseKind = { case: 'journal.main.rss', unit: 'MB', higherIsBetter: false };

interface OpenReport {
  readonly firstPageMs: number;
  readonly firstPage: number;
  readonly total: number;
  readonly readModel: { readonly state: string; readonly position: number };
  readonly retainedBytes: number;
  readonly rssBytes: number;
  readonly deepPageMs: number;
  readonly asOfFirstMs: number;
  readonly asOfNextMs: number;
  readonly asOfRetainedBytes: number;
  readonly asOfTotal: number;
}

/**
 * DESIGN.md "journal, 100k messages in one channel", the Node side's part: the views read model caught up
 * from the log against a plain parse and fold of the same lines; a window's first page after opening the
 * folder (index cache and the views' checkpoint present, as on any start after the first), in a fresh
 * process; that process's memory with the views caught up; the same first page when the checkpoint is
 * gone and the views rebuild. The page's own part (rendering) is the renderer's bench.
 */
export const journalViews: CaseFamily = {
  name: 'journal',
  rows: [
    { kind: CATCH_UP, baseline: 'raw-parse-fold' },
    { kind: FIRST_PAGE, baseline: 'none' },
    { kind: FIRST_PAGE_COLD, baseline: 'none' },
    { kind: RSS, baseline: 'none' },
  ],
  run: measureJournal,
};

async function measureJournal(ctx: BenchContext): Promise<BenchRow[]> {
  const { dir, events, messages: MESSAGES } = await benchJournal(ctx);
  // As of a past moment: half the journal written.
  const asOf = messageTime(Math.floor(MESSAGES / 2));
  const checkpoint = path.join(dir, 'cache', 'read-models', 'journal-views.checkpoint');

  const store = await openEventStore(dir, { watch: false });
  let catchUpMs: Measured;
  let rawMs: Measured;
  try {
    // Warm: the page cache holds the segments for both sides.
    rawFold(dir);
    [catchUpMs, rawMs] = (await alternatingRuns(
      RUNS,
      [
        { name: 'journal.catchup: views from the log', run: () => catchUp(store, checkpoint, events) },
        { name: 'journal.catchup: raw-parse-fold', run: () => Promise.resolve(rawFold(dir)) },
      ],
      ctx.progress,
    )) as [Measured, Measured];
  } finally {
    await store.close();
  }

  // The views' checkpoint and the index cache are now written: a start as on any day after the first.
  const settings = ctx.temp.make('journal-settings');
  const open = async (): Promise<OpenReport> =>
    JSON.parse(
      await runChildScript('journal-open.js', [dir, BENCH_CHANNEL, settings, asOf], ['--expose-gc']),
    ) as OpenReport;
  const warm: OpenReport[] = [];
  let live = 0;
  for (let n = 0; n < MESSAGES; n++) if (!isDeleted(n)) live++;
  const firstPage = await attempt(async () => {
    for (let run = 1; run <= RUNS; run++) {
      ctx.progress(`${FIRST_PAGE.case}: fresh process ${run}/${RUNS}`);
      const report = await open();
      // The page and its count are the whole journal's (it may come from the views' preview while they
      // load), and the views then caught up with every event.
      if (report.firstPage !== 50 || report.total !== live || report.readModel.position !== events) {
        throw new Error(
          `the first page had ${report.firstPage} of ${report.total} messages, the views reached position ${report.readModel.position}`,
        );
      }
      warm.push(report);
    }
    return median(warm.map((report) => report.firstPageMs));
  });
  const cold = await attempt(async () => {
    ctx.progress(`${FIRST_PAGE_COLD.case}: fresh process, no checkpoint`);
    fs.rmSync(checkpoint, { force: true });
    return (await open()).firstPageMs;
  });
  const last = warm.at(-1);
  const rss: Measured =
    last === undefined ? { ok: false, error: 'not run' } : { ok: true, value: last.rssBytes / 2 ** 20 };
  if (last !== undefined) {
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    ctx.note(
      `journal: ${MESSAGES.toLocaleString('en-US')} messages in one channel (${events.toLocaleString('en-US')} events: ` +
        `every 50th edited, every 100th deleted), ten minutes apart. ${FIRST_PAGE.case}: median of ${RUNS} fresh ` +
        `processes, from opening the folder (api session, as a window) to the newest 50 messages answered, with the ` +
        `index cache and the views' checkpoint present (answered from the checkpoint's preview line while the whole ` +
        `views load); ${FIRST_PAGE_COLD.case}: the same without the checkpoint. ` +
        `Heap and ArrayBuffers retained by the open folder with its views: ${mb(last.retainedBytes)} MB ` +
        `(${(last.retainedBytes / MESSAGES).toFixed(0)} bytes a message). A page 99,000 messages up: ` +
        `${last.deepPageMs.toFixed(1)} ms. As of a past moment (half the journal): first page ` +
        `${last.asOfFirstMs.toFixed(0)} ms (a temporary fold of every journal event), the next page ` +
        `${last.asOfNextMs.toFixed(1)} ms, the fold kept while used: ${mb(last.asOfRetainedBytes)} MB.`,
    );
  }
  ctx.note(
    `${CATCH_UP.case}: median of ${RUNS} alternating runs: the views read model from an empty cache to caught up (its checkpoint written), against readFile + split + JSON.parse + a Map fold of the same lines.`,
  );
  return [
    compare(CATCH_UP, asRate(catchUpMs, events), 'raw-parse-fold', asRate(rawMs, events)),
    compare(FIRST_PAGE, firstPage, 'none', { ok: true, value: 0 }),
    compare(FIRST_PAGE_COLD, cold, 'none', { ok: true, value: 0 }),
    compare(RSS, rss, 'none', { ok: true, value: 0 }),
  ];
}

async function catchUp(store: EventStore, checkpoint: string, events: number): Promise<void> {
  fs.rmSync(checkpoint, { force: true });
  const runner = new ReadModelRunner(store, new JournalReadModel());
  try {
    await runner.start();
    if (runner.status.position !== events)
      throw new Error(`caught up to ${runner.status.position} of ${events}`);
  } finally {
    await runner.close();
  }
}

/** What a plain program does to know the messages: parse every line, keep each message's time and text size. */
function rawFold(dir: string): number {
  const messages = new Map<string, { at: string; size: number; deleted: boolean }>();
  for (const file of segmentPaths(dir)) {
    for (const line of fs.readFileSync(file).toString('utf8').split('\n')) {
      if (line === '') continue;
      const event = JSON.parse(line) as {
        type: string;
        data: { message?: string; at: string; text?: string };
      };
      const id = event.data.message;
      if (id === undefined) continue;
      if (event.type === 'MessagePosted')
        messages.set(id, { at: event.data.at, size: event.data.text?.length ?? 0, deleted: false });
      else if (event.type === 'MessageDeleted') messages.get(id)!.deleted = true;
    }
  }
  return messages.size;
}
