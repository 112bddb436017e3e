import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { trustAfterReview } from './trust-review.js';
import {
  makeFixtureFolder,
  openPage,
  removeFolder,
  screenshot,
  startBrowserMode,
  useBrowser,
  type FixtureEvent,
} from './harness.js';

/** Six orders: each placed (with a total), then shipped or cancelled. */
function orders(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  for (let order = 1; order <= 6; order++) {
    events.push({ stream: `order-${order}`, type: 'OrderPlaced', data: { total: order * 10 } });
  }
  for (let order = 1; order <= 6; order++) {
    events.push({
      stream: `order-${order}`,
      type: order % 3 === 0 ? 'OrderCancelled' : 'OrderShipped',
      data: {},
    });
  }
  return events;
}
const EVENTS = orders();

const COUNTER = `fromAll().when({
  $init: () => ({ placed: 0, shipped: 0, revenue: 0 }),
  OrderPlaced: (state, event) => ({ ...state, placed: state.placed + 1, revenue: state.revenue + event.data.total }),
  OrderShipped: (state) => ({ ...state, shipped: state.shipped + 1 }),
});
`;

/** The edit: cancelled orders count too, and take their total back out of the revenue. */
const EDITED = `fromAll().when({
  $init: () => ({ placed: 0, shipped: 0, cancelled: 0, revenue: 0 }),
  OrderPlaced: (state, event) => ({ ...state, placed: state.placed + 1, revenue: state.revenue + event.data.total }),
  OrderShipped: (state) => ({ ...state, shipped: state.shipped + 1 }),
  OrderCancelled: (state, event) => ({ ...state, cancelled: state.cancelled + 1, revenue: state.revenue - Number(event.stream.slice(6)) * 10 }),
});
`;

const chromium = useBrowser();

async function openFolder(): Promise<{ page: Page; errors: string[]; dir: string }> {
  const dir = await makeFixtureFolder(EVENTS);
  chromium.defer(() => removeFolder(dir));
  await mkdir(path.join(dir, 'projections'), { recursive: true });
  await writeFile(path.join(dir, 'projections', 'counter.js'), COUNTER);
  const server = await startBrowserMode(dir);
  chromium.defer(() => server.close());
  const { page, context, errors } = await openPage(chromium.browser, server.url, 'light', {
    width: 1400,
    height: 900,
  });
  chromium.defer(() => context.close());
  await page.getByRole('navigation', { name: 'Folder' }).waitFor();
  return { page, errors, dir };
}

async function trustFolder(page: Page): Promise<void> {
  await trustAfterReview(page);
}

/** The projection's view, on its what-if tab. */
async function openWhatIf(page: Page, name: string): Promise<Locator> {
  await page.getByRole('list', { name: 'Projections' }).getByRole('link', { name }).click();
  const view = page.getByRole('region', { name: `Projection ${name}` });
  await view.getByRole('tab', { name: /^What.if/ }).click();
  const panel = view.getByRole('region', { name: 'What-if editor' });
  await panel.waitFor();
  return panel;
}

/** Replaces the editor's text, as a paste would (typing would get brackets closed for it). */
async function replaceCode(page: Page, panel: Locator, code: string): Promise<void> {
  const content = panel.getByRole('textbox', { name: 'Projection code' });
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
  await expect.poll(() => content.innerText()).toContain(code.split('\n')[1]!.trim());
}

describe('what-if editor', () => {
  it('edits a projection, shows the what-if diff, saves it and sees it rebuilt', async () => {
    const { page, errors, dir } = await openFolder();
    await trustFolder(page);
    const panel = await openWhatIf(page, 'counter');
    const editor = panel.getByRole('textbox', { name: 'Projection code' });
    await expect.poll(() => editor.innerText()).toContain('shipped: state.shipped + 1');
    await panel.getByText('projections/counter.js').waitFor();

    await replaceCode(page, panel, EDITED);
    await panel.getByText('Edited', { exact: true }).waitFor();
    await panel.getByRole('spinbutton', { name: 'Position' }).fill('9');
    // Ctrl/Cmd+Enter runs from the editor.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+Enter');
    const diff = panel.getByRole('region', { name: 'What-if diff' });
    await diff.getByText('Against counter at position 9').waitFor();
    const paths = diff.getByRole('list', { name: 'Changed paths' }).locator('.path');
    // At 9 one order (order-3) was cancelled: a new count, and its total out of the revenue.
    await expect.poll(() => paths.allInnerTexts()).toEqual(['revenue', 'cancelled']);
    await expect(diff.innerText()).resolves.toContain('210');
    await expect(diff.innerText()).resolves.toContain('180');
    await diff.getByRole('radio', { name: 'Unified' }).click();
    await diff.getByRole('table', { name: 'Unified diff' }).waitFor();
    const state = panel.getByRole('region', { name: 'What-if state' });
    await expect(state.innerText()).resolves.toContain('"cancelled": 1');
    // Nothing is saved by a run.
    await expect(readFile(path.join(dir, 'projections', 'counter.js'), 'utf8')).resolves.toBe(COUNTER);

    await screenshot(page, 'whatif-light');
    await page.locator('[data-theme-choice="dark"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The editor follows the theme: its background is the dark palette's raised surface.
    await expect
      .poll(() => panel.locator('.cm-editor').evaluate((node) => getComputedStyle(node).backgroundColor))
      .toBe('rgb(28, 31, 38)');
    await screenshot(page, 'whatif-dark');
    await page.locator('[data-theme-choice="light"]').click();

    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Saved projections/counter.js and rebuilt it').waitFor();
    await expect(readFile(path.join(dir, 'projections', 'counter.js'), 'utf8')).resolves.toBe(EDITED);
    await expect(readdir(path.join(dir, 'projections'))).resolves.toEqual(['counter.js']);
    // Saved and rebuilt: the same run now finds nothing to change.
    await panel.getByRole('button', { name: /^Run/ }).click();
    await diff.getByText('Same state as counter').waitFor();

    expect(errors).toEqual([]);
  });

  it('points at a syntax error and a fault, and saves a new projection', async () => {
    const { page, errors, dir } = await openFolder();
    await trustFolder(page);
    const panel = await openWhatIf(page, 'counter');
    const editor = panel.getByRole('textbox', { name: 'Projection code' });
    await expect.poll(() => editor.innerText()).toContain('shipped: state.shipped + 1');

    await replaceCode(
      page,
      panel,
      `fromAll().when({\n  $init: () => 0,\n  OrderPlaced: (s) => s +* 1,\n});\n`,
    );
    await panel.getByRole('button', { name: /^Run/ }).click();
    const problem = panel.getByRole('alert');
    await problem.getByText('The code does not load').waitFor();
    await expect(problem.innerText()).resolves.toContain('SyntaxError');
    await problem.getByRole('button', { name: 'Go to line 3, column 26' }).click();
    await expect(panel.locator('.cm-lintRange-error').count()).resolves.toBe(1);
    await screenshot(page, 'whatif-problem-light');

    await replaceCode(
      page,
      panel,
      `fromAll().when({\n  $init: () => 0,\n  OrderShipped: (s, e) => {\n    throw new Error('no carrier for ' + e.stream);\n  },\n});\n`,
    );
    await panel.getByRole('button', { name: /^Run/ }).click();
    await problem.getByText('Fault at position 7').waitFor();
    await expect(problem.innerText()).resolves.toContain('no carrier for order-1');
    await problem.getByRole('button', { name: /Go to line 4/ }).waitFor();

    await panel.getByRole('button', { name: 'New projection…' }).click();
    const name = panel.getByRole('textbox', { name: 'Name of the new projection' });
    await name.fill('counter');
    await panel.getByRole('button', { name: 'Create' }).click();
    await panel.getByText('There is already a projection named counter').waitFor();
    await name.fill('placed-totals');
    await panel.getByRole('button', { name: 'Create' }).click();
    await panel.getByRole('heading', { name: 'New projection: placed-totals' }).waitFor();
    await panel.getByRole('button', { name: /^Run/ }).click();
    const diff = panel.getByRole('region', { name: 'What-if diff' });
    await diff.getByText('New projection at position 12').waitFor();
    await screenshot(page, 'whatif-new-light');
    // Ctrl/Cmd+S saves from the editor.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+S');
    await panel.getByText('Saved projections/placed-totals.js').waitFor();
    await page
      .getByRole('list', { name: 'Projections' })
      .getByRole('link', { name: 'placed-totals' })
      .waitFor();
    await expect(readdir(path.join(dir, 'projections'))).resolves.toEqual(['counter.js', 'placed-totals.js']);

    expect(errors).toEqual([]);
  });

  it('runs code in an untrusted folder from a built-in, but saves nothing until the folder is trusted', async () => {
    const { page, errors, dir } = await openFolder();
    const panel = await openWhatIf(page, 'stream-statistics');
    await panel.getByText('stream-statistics is built into Eventfold').waitFor();
    await panel.getByText('needs trust').waitFor();
    const editor = panel.getByRole('textbox', { name: 'Projection code' });
    await expect.poll(() => editor.innerText()).toContain('state.types[event.type]');
    await panel.getByRole('button', { name: /^Run/ }).click();
    const state = panel.getByRole('region', { name: 'What-if state' });
    await expect.poll(() => state.innerText()).toContain('"OrderShipped": 4');
    const save = panel.getByRole('button', { name: 'Save' });
    await expect(save.isDisabled()).resolves.toBe(true);
    await expect(save.getAttribute('title')).resolves.toBe(
      'Trust this folder to save projection code into it',
    );
    await screenshot(page, 'whatif-untrusted-light');
    await expect(readdir(path.join(dir, 'projections'))).resolves.toEqual(['counter.js']);
    expect(errors).toEqual([]);
  });
});
