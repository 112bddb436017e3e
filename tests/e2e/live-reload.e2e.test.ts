/**
 * Issue 13, item 5: a projection's new code reaches every open page without a reload (saved from What if…
 * or changed on disk), and a page whose server restarted with a new token says so and where to go.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  makeFixtureFolder,
  openPage,
  removeFolder,
  screenshot,
  startBrowserMode,
  useBrowser,
} from './harness.js';
import { orders } from './order-folder.js';
import { trustAfterReview } from './trust-review.js';

const COUNT = 40;
const counter = (step: number): string =>
  `fromAll().when({\n  $init: () => ({ count: 0 }),\n  $any: (state) => ({ count: state.count + ${step} }),\n});\n`;

const scope = useBrowser();

/** A folder with the projection `counter`, served, and `pages` pages open at it. */
async function openCounter(pages: number): Promise<{ dir: string; views: Locator[]; all: Page[] }> {
  const dir = await makeFixtureFolder(orders(COUNT));
  scope.defer(() => removeFolder(dir));
  await mkdir(path.join(dir, 'projections'));
  await writeFile(path.join(dir, 'projections', 'counter.js'), counter(1));
  const server = await startBrowserMode(dir);
  scope.defer(() => server.close());
  const all: Page[] = [];
  for (let i = 0; i < pages; i++) {
    const { page, context } = await openPage(scope.browser, `${server.url}#/projection/counter`, 'light', {
      width: 1280,
      height: 800,
    });
    scope.defer(() => context.close());
    await page.getByRole('region', { name: 'Projection counter' }).waitFor();
    all.push(page);
  }
  return { dir, all, views: all.map((page) => page.getByRole('region', { name: 'Projection counter' })) };
}

/** Trusts the folder from the projection view's own prompt (the navigation's steps back meanwhile). */
const trustFrom = (page: Page, view: Locator): Promise<void> =>
  trustAfterReview(
    page,
    1,
    view.getByRole('region', { name: 'Waits for trust' }).getByRole('button', { name: 'Trust this folder…' }),
  );

const count = (view: Locator): Promise<string> =>
  view.locator(`[data-path='state.count'] .leaf`).first().innerText();

describe('live reload of a projection in every open page', () => {
  it('shows the state of code saved from What if… in another page at once', async () => {
    const { all, views } = await openCounter(2);
    const [first, second] = all as [Page, Page];
    const [firstView, secondView] = views as [Locator, Locator];
    await trustFrom(first, firstView);
    await expect.poll(() => count(firstView)).toBe(String(COUNT));
    await expect.poll(() => count(secondView)).toBe(String(COUNT));

    await firstView.getByRole('tab', { name: /^What.if/ }).click();
    const panel = firstView.getByRole('region', { name: 'What-if editor' });
    const editor = panel.getByRole('textbox', { name: 'Projection code' });
    await expect.poll(() => editor.innerText()).toContain('state.count + 1');
    await editor.click();
    await first.keyboard.press('ControlOrMeta+A');
    await first.keyboard.insertText(counter(3));
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Saved projections/counter.js and rebuilt it').waitFor();

    // The other page was never touched: it follows on its own.
    await expect.poll(() => count(secondView)).toBe(String(3 * COUNT));
    await expect(second.getByText('Its code changed: trust it again?').count()).resolves.toBe(0);
  });

  it('asks again in every page when the file changes on disk, and one trust updates them all', async () => {
    const { dir, all, views } = await openCounter(2);
    const [first, second] = all as [Page, Page];
    const [firstView, secondView] = views as [Locator, Locator];
    await trustFrom(first, firstView);
    await expect.poll(() => count(secondView)).toBe(String(COUNT));

    await writeFile(path.join(dir, 'projections', 'counter.js'), counter(2));
    // Every page shows the new code, read-only, and says why it asks again.
    for (const view of views) {
      const waiting = view.getByRole('region', { name: 'Waits for trust' });
      await waiting.getByRole('heading', { name: 'Its code changed: trust it again?' }).waitFor();
      await expect.poll(() => waiting.locator('.cm-content').innerText()).toContain('state.count + 2');
    }
    await screenshot(first, 'projection-code-changed-light');
    await trustFrom(second, secondView);
    await expect.poll(() => count(secondView)).toBe(String(2 * COUNT));
    await expect.poll(() => count(firstView)).toBe(String(2 * COUNT));
    await expect(firstView.getByRole('region', { name: 'Waits for trust' }).count()).resolves.toBe(0);
  });
});

describe('a restarted server', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`says the page's address no longer works and where the new one is (${scheme})`, async () => {
      const dir = await makeFixtureFolder(orders(5));
      scope.defer(() => removeFolder(dir));
      const first = await startBrowserMode(dir);
      const { page, context } = await openPage(scope.browser, first.url, scheme);
      scope.defer(() => context.close());
      await page.locator('header.app-bar').getByText('5 events').waitFor();

      await first.close();
      // Another run at the same address, with a token of its own.
      const again = await startBrowserMode(dir, { port: first.port, token: 'f'.repeat(first.token.length) });
      scope.defer(() => again.close());
      const restarted = page
        .getByRole('alert')
        .filter({ hasText: "Eventfold was restarted: this page's address is no longer valid" });
      await restarted.waitFor();
      await expect(restarted.innerText()).resolves.toContain(
        'Eventfold serving … at http://127.0.0.1:…/?token=…',
      );
      await expect(page.getByRole('alert').filter({ hasText: 'Reconnecting' }).count()).resolves.toBe(0);
      // What was on screen stays; appending waits for the new address.
      await expect(page.locator('header.app-bar').getByText('5 events').isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Append event' }).isDisabled()).resolves.toBe(true);
      await screenshot(page, `server-restarted-${scheme}`);

      // The new address works.
      const { page: fresh, context: other } = await openPage(scope.browser, again.url, scheme);
      scope.defer(() => other.close());
      await fresh.locator('header.app-bar').getByText('5 events').waitFor();
    });
  }
});
