import type { Browser, Locator, Page } from 'playwright-core';
import type { BenchContext } from '../bench-context.js';
import { compare, failed, type BenchRow, type CaseKind, type Measured } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { sleep } from '../timing.js';
import { checkRendererBuilt, PACKAGE_ROOT, serveFolder } from './renderer-serve.js';

const FIRST_ROWS: CaseKind = { case: 'renderer.first-rows', unit: 's', higherIsBetter: false };
const HEAP: CaseKind = { case: 'renderer.heap', unit: 'MB', higherIsBetter: false };
const MAIN_RSS: CaseKind = { case: 'main.rss', unit: 'MB', higherIsBetter: false };
/** Scroll positions visited from the newest row to the oldest. */
const STEPS = 50;
const WAIT_MS = 120_000;
/** Evaluated in the page (this project compiles without DOM types, hence a string). */
const TWO_FRAMES = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';

/**
 * A 1M-event folder in browser mode: how long until the $all log shows rows, the page's JS heap after
 * scrolling it from end to end (the log view must hold only pages near the screen), and the resident
 * memory of the serving process then: it runs the same api as the Electron main process, with the folder
 * open and its projections listed in the navigation.
 */
export const rendererLog: CaseFamily = {
  name: 'renderer',
  rows: [
    { kind: FIRST_ROWS, baseline: 'none' },
    { kind: HEAP, baseline: 'none' },
    { kind: MAIN_RSS, baseline: 'none' },
  ],
  run: measureRenderer,
};

interface Chromium {
  readonly launchChromium: () => Promise<Browser>;
}

/** The grid element as the page function sees it (this project compiles without DOM types). */
interface GridElement {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  querySelectorAll(selector: string): Iterable<{ readonly dataset: Record<string, string | undefined> }> & {
    readonly length: number;
  };
}

async function measureRenderer(ctx: BenchContext): Promise<BenchRow[]> {
  checkRendererBuilt();
  // scripts/ is plain JavaScript outside the compiled tree: found from the package root at run time.
  const { launchChromium } = (await import(`${PACKAGE_ROOT}scripts/chromium.js`)) as Chromium;
  ctx.progress('renderer: eventfold serve on the dataset');
  const server = await serveFolder(ctx.dataset.dir);
  let browser: Browser | undefined;
  let firstRows: Measured | undefined;
  let heap: Measured | undefined;
  let rss: Measured | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    ctx.progress('renderer: page load to the first rows of the $all log');
    const started = performance.now();
    await page.goto(server.url);
    await page.getByRole('link', { name: /^All events/ }).click({ timeout: WAIT_MS });
    const grid = page.getByRole('region', { name: 'Event log' }).getByRole('grid', { name: 'Events' });
    await grid.locator('[data-position]').first().waitFor({ timeout: WAIT_MS });
    firstRows = { ok: true, value: (performance.now() - started) / 1000 };
    // A cold folder is still being indexed when the first rows show: scroll once the log is whole.
    const whole = `${ctx.dataset.events.toLocaleString('en-US')} events`;
    await page
      .getByRole('region', { name: 'Event log' })
      .getByRole('status')
      .getByText(whole, { exact: true })
      .waitFor({ timeout: WAIT_MS });
    // The navigation lists the projections as a folder opens: the serving process's memory includes that.
    await page
      .getByRole('list', { name: 'Projections' })
      .getByRole('link')
      .first()
      .waitFor({ timeout: WAIT_MS });

    const heapBefore = await heapMegabytes(page);
    ctx.progress(`renderer: scrolling ${ctx.dataset.events.toLocaleString('en-US')} rows end to end`);
    const scrollStarted = performance.now();
    const visited = await scrollEndToEnd(page, grid);
    if (visited.last !== ctx.dataset.events) {
      throw new Error(`the newest row shown was ${visited.last}, not ${ctx.dataset.events}`);
    }
    const scrollSeconds = (performance.now() - scrollStarted) / 1000;
    heap = { ok: true, value: await heapMegabytes(page) };
    const rssBytes = server.rssBytes();
    rss =
      rssBytes === null
        ? failed('the serving process RSS is read from /proc (Linux only)')
        : { ok: true, value: rssBytes / 2 ** 20 };
    ctx.note(
      `renderer: Chromium (headless) on eventfold serve; first-rows = page.goto to the first row of the $all ` +
        `log (the click on "All events" included); heap = JS heap used after a forced GC, once the log was ` +
        `scrolled from the newest row to the oldest in ${STEPS} steps (${scrollSeconds.toFixed(1)} s, rows ` +
        `${visited.first.toLocaleString('en-US')} .. ${visited.last.toLocaleString('en-US')} seen; ` +
        `${heapBefore.toFixed(1)} MB before the scroll); main.rss = VmRSS of the serving process (the api ` +
        `the Electron main process runs) at that moment, the folder open and its projections listed.`,
    );
  } catch (error) {
    firstRows ??= failed(error);
    heap ??= failed(error);
    rss = failed(error);
  } finally {
    await browser?.close();
    await server.close();
  }
  const none: Measured = { ok: true, value: 0 };
  return [
    compare(FIRST_ROWS, firstRows ?? failed('not measured'), 'none', none),
    compare(HEAP, heap ?? failed('not measured'), 'none', none),
    compare(MAIN_RSS, rss ?? failed('not measured'), 'none', none),
  ];
}

/**
 * Sets scrollTop from the end to 0 in even steps; at each, waits until the rows on screen are loaded (no
 * placeholders left), as someone dragging the scrollbar would see them.
 */
async function scrollEndToEnd(page: Page, grid: Locator): Promise<{ first: number; last: number }> {
  let first = Infinity;
  let last = 0;
  for (let step = STEPS; step >= 0; step--) {
    // Two frames: the scroll event is handled and the rows for the new place are rendered before looking.
    await grid.evaluate((element: GridElement, fraction: number) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) * fraction;
    }, step / STEPS);
    await page.evaluate(TWO_FRAMES);
    const deadline = performance.now() + WAIT_MS;
    for (;;) {
      const shown = await grid.evaluate((element: GridElement) => ({
        loading: element.querySelectorAll('[aria-busy="true"]').length,
        positions: [...element.querySelectorAll('[data-position]')].map((row) =>
          Number(row.dataset.position),
        ),
      }));
      if (shown.loading === 0 && shown.positions.length > 0) {
        first = Math.min(first, ...shown.positions);
        last = Math.max(last, ...shown.positions);
        break;
      }
      if (performance.now() > deadline) throw new Error(`rows at step ${STEPS - step} never loaded`);
      await sleep(5);
    }
  }
  await page.waitForTimeout(100);
  if (first !== 1) throw new Error(`scrolling to the top showed row ${first}, not row 1`);
  return { first, last };
}

/** JS heap in use after a full collection, in MB (2^20 bytes), read over the DevTools protocol. */
export async function heapMegabytes(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  } finally {
    await session.detach();
  }
}
