import type { Browser, Locator, Page } from 'playwright-core';
import { JournalReadModel } from '../../electron/journal/index.js';
import { ReadModelRunner } from '../../electron/read-models/index.js';
import { openEventStore } from '../../electron/store/index.js';
import type { BenchContext } from '../bench-context.js';
import { compare, failed, type BenchRow, type CaseKind, type Measured } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { BENCH_CHANNEL, benchJournal, messageId } from '../journal-dataset.js';
import { median } from '../timing.js';
import { checkRendererBuilt, PACKAGE_ROOT, serveFolder } from './renderer-serve.js';
import { heapMegabytes } from './renderer.js';

const FIRST_SCREEN: CaseKind = { case: 'journal.renderer.first-screen', unit: 'ms', higherIsBetter: false };
const OLDER_PAGE: CaseKind = { case: 'journal.renderer.older-page', unit: 'ms', higherIsBetter: false };
const TO_OLDEST: CaseKind = { case: 'journal.renderer.to-oldest', unit: 'ms', higherIsBetter: false };
const HEAP: CaseKind = { case: 'journal.renderer.heap', unit: 'MB', higherIsBetter: false };
/** Older pages loaded by scrolling up from the newest message. */
const SCROLLS = 20;
const WAIT_MS = 60_000;
/**
 * A just-launched Chromium loads its own UI resources for a second or so (a user's browser, or the desktop
 * app's window, has long done that when the journal opens): the first screen is timed once it has settled.
 */
const SETTLE_MS = 1500;

interface Chromium {
  readonly launchChromium: () => Promise<Browser>;
}

/** The message log as the page function sees it (this project compiles without DOM types). */
interface LogElement {
  scrollTop: number;
  querySelectorAll(selector: string): Iterable<{ readonly dataset: Record<string, string | undefined> }>;
}

/**
 * What the page asked the server for: `journal.messages` requests and the messages they could return;
 * and when (performance.now()) its first request left and the first page of messages came back, which
 * splits the first screen into the app's load, the server's answers and the drawing.
 */
interface Requests {
  pages: number;
  messages: number;
  firstRequestAt: number | null;
  /** When the first `journal.messages` request left (the app's load and mounts before it, if it waits for them). */
  firstPageAskedAt: number | null;
  firstPageAt: number | null;
}

/**
 * DESIGN.md "journal, 100k messages in one channel", the page's part, in Chromium on `eventfold serve`:
 * the first screen of the channel (page load to its newest messages drawn), older pages loaded by
 * scrolling up, a jump to the oldest message, and the page's JS heap after all that. The requests the page
 * sent are counted, so "scrolling to the oldest message loads pages, never all" is a figure in the notes.
 */
export const journalRenderer: CaseFamily = {
  name: 'journal.renderer',
  rows: [
    { kind: FIRST_SCREEN, baseline: 'none' },
    { kind: OLDER_PAGE, baseline: 'none' },
    { kind: TO_OLDEST, baseline: 'none' },
    { kind: HEAP, baseline: 'none' },
  ],
  run: measureJournalPage,
};

async function measureJournalPage(ctx: BenchContext): Promise<BenchRow[]> {
  checkRendererBuilt();
  const { launchChromium } = (await import(`${PACKAGE_ROOT}scripts/chromium.js`)) as Chromium;
  const journal = await benchJournal(ctx);
  await writeViewsCheckpoint(journal.dir);
  ctx.progress('journal.renderer: eventfold serve on the journal');
  const server = await serveFolder(journal.dir);
  let browser: Browser | undefined;
  const measured: Partial<Record<string, Measured>> = {};
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto('about:blank');
    await page.waitForTimeout(SETTLE_MS);
    const requests = countMessageRequests(page);
    ctx.progress(`${FIRST_SCREEN.case}: page load to the newest messages`);
    const channel = `#/journal/channel/${BENCH_CHANNEL}`;
    const started = performance.now();
    await page.goto(`${server.url}${channel}`);
    const log = page.getByRole('log', { name: /^Messages in/ });
    const newest = messageId(journal.messages - 1);
    await log.locator(`[data-message="${newest}"]`).waitFor({ timeout: WAIT_MS });
    const drawn = performance.now();
    measured[FIRST_SCREEN.case] = { ok: true, value: drawn - started };
    const since = (at: number | null): string => (at === null ? '?' : (at - started).toFixed(0));
    const split =
      `first request sent at ${since(requests.firstRequestAt)} ms, the first page of messages asked for at ` +
      `${since(requests.firstPageAskedAt)} ms and back at ` +
      `${since(requests.firstPageAt)} ms, drawn at ${(drawn - started).toFixed(0)} ms`;

    ctx.progress(`${OLDER_PAGE.case}: ${SCROLLS} pages up`);
    const samples: number[] = [];
    for (let i = 0; i < SCROLLS; i++) samples.push(await loadOlderPage(log));
    measured[OLDER_PAGE.case] = { ok: true, value: median(samples) };
    const scrolled = { ...requests };

    ctx.progress(`${TO_OLDEST.case}: a link to the first message`);
    const jumped = performance.now();
    await page.evaluate(`location.hash = ${JSON.stringify(`${channel}?message=${messageId(0)}`)}`);
    await log.locator(`[data-message="${messageId(0)}"]`).waitFor({ timeout: WAIT_MS });
    await page.getByText('This is the beginning of').waitFor({ timeout: WAIT_MS });
    measured[TO_OLDEST.case] = { ok: true, value: performance.now() - jumped };

    const heap = await heapMegabytes(page);
    measured[HEAP.case] = { ok: true, value: heap };
    const rows = await log.evaluate(
      (element: LogElement) => [...element.querySelectorAll('[data-message]')].length,
    );
    ctx.note(
      `journal.renderer: Chromium (headless) on eventfold serve, ${journal.messages.toLocaleString('en-US')} messages ` +
        `in one channel; first-screen = page.goto with the channel's address to its newest message drawn, timed ` +
        `once the just-launched browser has settled (${SETTLE_MS} ms on about:blank; app ` +
        `load included, the folder already open in the server with its views' checkpoint); older-page = median ` +
        `of ${SCROLLS} scrolls to the top, from the scroll to an older message drawn; to-oldest = a link to the ` +
        `first message to it drawn with "This is the beginning"; heap = JS heap after a forced GC at the end. ` +
        `The page asked for ${requests.pages} pages (at most ${requests.messages.toLocaleString('en-US')} ` +
        `messages; ${scrolled.pages} of them by the first screen and the scrolls) and drew ${rows} rows at the end. First screen: ${split}.`,
    );
    if (requests.messages >= journal.messages) {
      measured[TO_OLDEST.case] = failed(
        `the page asked for ${requests.messages} messages: the whole channel`,
      );
    }
  } catch (error) {
    for (const { kind } of journalRenderer.rows) measured[kind.case] ??= failed(error);
  } finally {
    await browser?.close();
    await server.close();
  }
  const none: Measured = { ok: true, value: 0 };
  return journalRenderer.rows.map(({ kind }) =>
    compare(kind, measured[kind.case] ?? failed('not measured'), 'none', none),
  );
}

/**
 * The views caught up and their checkpoint written, as on any start after the first (the journal family
 * before this one ends with the checkpoint removed, and a folder opened for the first time would measure
 * the catch-up instead, which journal.first-page.rebuild reports).
 */
async function writeViewsCheckpoint(dir: string): Promise<void> {
  const store = await openEventStore(dir, { watch: false });
  try {
    const runner = new ReadModelRunner(store, new JournalReadModel());
    try {
      await runner.start();
    } finally {
      await runner.close();
    }
  } finally {
    await store.close();
  }
}

/** Scrolls the log to its top and waits until an older message than those held before is drawn. */
async function loadOlderPage(log: Locator): Promise<number> {
  const oldestNow = (): Promise<number> =>
    log.evaluate((element: LogElement) =>
      Math.min(
        ...[...element.querySelectorAll('[data-message]')].map((row) =>
          Number(row.dataset.message?.slice(1)),
        ),
      ),
    );
  const before = await oldestNow();
  const started = performance.now();
  await log.evaluate((element: LogElement) => {
    element.scrollTop = 0;
  });
  const deadline = started + WAIT_MS;
  while ((await oldestNow()) >= before) {
    if (performance.now() > deadline) throw new Error(`no message older than m${before} was drawn`);
    await log.evaluate((element: LogElement) => {
      element.scrollTop = 0;
    });
  }
  return performance.now() - started;
}

function countMessageRequests(page: Page): Requests {
  const requests: Requests = {
    pages: 0,
    messages: 0,
    firstRequestAt: null,
    firstPageAskedAt: null,
    firstPageAt: null,
  };
  let firstPageId: number | undefined;
  const textOf = (payload: string | Buffer): string =>
    typeof payload === 'string' ? payload : payload.toString('utf8');
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      requests.firstRequestAt ??= performance.now();
      const text = textOf(payload);
      if (!text.includes('"journal.messages"')) return;
      const { id, arg } = JSON.parse(text) as { id?: number; arg?: { limit?: number } };
      firstPageId ??= id;
      requests.firstPageAskedAt ??= performance.now();
      requests.pages++;
      requests.messages += arg?.limit ?? 0;
    });
    socket.on('framereceived', ({ payload }) => {
      if (firstPageId === undefined || requests.firstPageAt !== null) return;
      if (textOf(payload).startsWith(`{"id":${firstPageId},`)) requests.firstPageAt = performance.now();
    });
  });
  return requests;
}
