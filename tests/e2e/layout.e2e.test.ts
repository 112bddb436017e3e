/**
 * Issue 13, items 4 and 5: every view of the stream browser with the event panel open, at 1024x768 (nothing
 * overlaps, nothing is cut without a tooltip, the projection's log shows rows) and 1440x900, light and dark,
 * screenshotted and checked with axe-core (no serious or critical violations).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from './harness.js';
import { seriousViolations } from './journal-fixture.js';
import { renderedPositions, serveOrders } from './order-folder.js';

const scope = useBrowser();

interface View {
  readonly name: string;
  /** The address after `#`, with an event open beside the view. */
  readonly hash: string;
  readonly event: number;
  /** Shown once the view has loaded. */
  readonly ready: (page: Page) => Promise<unknown>;
}

const heading = (name: string) => (page: Page) =>
  page.getByRole('main').getByRole('heading', { name, level: 1, exact: true }).waitFor();
const logReady = (name: string) => async (page: Page) => {
  await heading(name)(page);
  await page
    .getByRole('main')
    .getByRole('status')
    .getByText(/(events?|matche?s?)$/)
    .first()
    .waitFor();
};

const VIEWS: readonly View[] = [
  { name: 'overview', hash: '/?event=40', event: 40, ready: heading('Overview') },
  { name: 'all-events', hash: '/events?event=40', event: 40, ready: logReady('All events') },
  {
    name: 'filtered',
    hash: `/events?event=126&text=gift&type=ItemAdded&where=${encodeURIComponent('data.total > 100')}`,
    event: 126,
    ready: logReady('All events'),
  },
  { name: 'stream', hash: '/stream/order-3?event=44', event: 44, ready: logReady('order-3') },
  { name: 'category', hash: '/category/order?event=40', event: 40, ready: logReady('order-*') },
  {
    name: 'projection',
    hash: '/projection/stream-statistics?event=40',
    event: 40,
    ready: (page) =>
      page
        .getByRole('region', { name: 'Projection stream-statistics' })
        .getByRole('tree', { name: 'state' })
        .waitFor(),
  },
];

/** Opens a view by its address in the page already showing the folder, and waits for it and its event. */
async function show(page: Page, view: View): Promise<void> {
  await page.evaluate((hash) => (location.hash = hash), view.hash);
  await view.ready(page);
  const panel = page.getByRole('complementary', { name: `Event ${view.event}` });
  await panel.getByRole('heading', { level: 2 }).first().waitFor();
  // Fonts and the virtual lists settle a frame after the data arrives.
  await page.evaluate(() =>
    document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(done))),
  );
}

/**
 * What a user would see as broken in the layout: controls, headings, labels and numbers whose boxes overlap
 * (an element and one inside it aside), text cut off with no tooltip to read it whole, and a page wider than
 * the window.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (element: Element): string => {
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const label = element.getAttribute('aria-label') ?? element.getAttribute('placeholder') ?? '';
      return `<${element.tagName.toLowerCase()}${element.className ? ` .${String(element.className).split(' ')[0]}` : ''}> "${text || label}"`;
    };
    const visible = (element: Element): boolean => {
      const box = element.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) return false;
      // A closed popover's body keeps its boxes in Chromium: it is hidden by its <details>, not by size.
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      if (element.closest('details:not([open]) > :not(summary)') !== null) return false;
      // Rows scrolled out of a list are clipped by it: only what is on screen counts.
      return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    };
    const items = [
      ...document.querySelectorAll(
        '.app-bar button, .app-bar .folder-name, .app-bar .badge, main h1, main h2, main button, main a, main input, main summary, main [role="status"], main dt, main dd, main .scrubbed > span, main [role="columnheader"], aside h2, aside button, nav a',
      ),
    ].filter((element) => visible(element) && !element.closest('dialog, [role="grid"] [data-position]'));
    const clipped = (element: Element): boolean => {
      for (let up: Element | null = element; up !== null; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (up !== element && (style.overflow !== 'visible' || style.overflowX !== 'visible')) {
          const inner = element.getBoundingClientRect();
          const outer = up.getBoundingClientRect();
          return inner.right > outer.right + 1 || inner.left < outer.left - 1;
        }
      }
      return false;
    };
    for (let i = 0; i < items.length; i++) {
      const a = items[i]!;
      const boxA = a.getBoundingClientRect();
      for (let j = i + 1; j < items.length; j++) {
        const b = items[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        const boxB = b.getBoundingClientRect();
        const x = Math.min(boxA.right, boxB.right) - Math.max(boxA.left, boxB.left);
        const y = Math.min(boxA.bottom, boxB.bottom) - Math.max(boxA.top, boxB.top);
        if (x > 1 && y > 1)
          problems.push(`${name(a)} overlaps ${name(b)} by ${x.toFixed(0)}x${y.toFixed(0)}`);
      }
      const cut = a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).overflowX !== 'visible';
      const tooltip = a.closest('[title]') !== null || a.getAttribute('aria-label') !== null;
      if ((cut || clipped(a)) && !tooltip) problems.push(`${name(a)} is cut off without a tooltip`);
      // A heading cut to a letter or two names nothing, tooltip or not.
      if (cut && a.tagName === 'H1' && a.clientWidth < 96)
        problems.push(`${name(a)} is cut to ${a.clientWidth}px`);
    }
    if (document.documentElement.scrollWidth > innerWidth + 1)
      problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${innerWidth}px window`);
    return problems;
  });
}

/**
 * How many rows the log toolbars' controls take (the chips of the value conditions, a list of what is set,
 * aside): the centres of the visible controls, a new row wherever two are more than 12 px apart.
 */
function toolbarRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    let most = 0;
    for (const toolbar of document.querySelectorAll('main .toolbar')) {
      const centres = [
        ...toolbar.querySelectorAll(
          ':scope > .row:not(.conditions) > *:not(.end), :scope > .row:not(.conditions) .end > *',
        ),
      ]
        .map((control) => control.getBoundingClientRect())
        .filter((box) => box.height > 0)
        .map((box) => box.top + box.height / 2)
        .sort((a, b) => a - b);
      const rows = centres.filter((centre, i) => i === 0 || centre - centres[i - 1]! > 12).length;
      most = Math.max(most, rows);
    }
    return most;
  });
}

describe('layout with the event panel open', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`holds at 1024x768 in every view, nothing overlapping or cut (${scheme})`, async () => {
      const { page, errors } = await serveOrders(scope, 400, {
        colorScheme: scheme,
        viewport: { width: 1024, height: 768 },
      });
      for (const view of VIEWS) {
        await show(page, view);
        await screenshot(page, `layout-${view.name}-1024x768-${scheme}`);
        expect(await layoutProblems(page), view.name).toEqual([]);
        if (view.name !== 'overview') expect(await toolbarRows(page), view.name).toBeLessThanOrEqual(2);
        if (view.name === 'projection') {
          const grid = page.getByRole('region', { name: 'Event log' }).getByRole('grid', { name: 'Events' });
          await expect.poll(async () => (await renderedPositions(grid)).length).toBeGreaterThan(3);
        }
      }
      expect(errors).toEqual([]);
    });

    it(`looks finished at 1440x900 and has no serious accessibility violations (${scheme})`, async () => {
      const { page, errors } = await serveOrders(scope, 400, {
        colorScheme: scheme,
        viewport: { width: 1440, height: 900 },
      });
      for (const view of VIEWS) {
        await show(page, view);
        await screenshot(page, `layout-${view.name}-1440x900-${scheme}`);
        expect(await layoutProblems(page), view.name).toEqual([]);
        expect(await seriousViolations(page), `${view.name} (${scheme})`).toEqual([]);
      }
      expect(errors).toEqual([]);
    });
  }
});
