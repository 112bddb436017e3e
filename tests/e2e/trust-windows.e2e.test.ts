import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  makeFixtureFolder,
  openPage,
  removeFolder,
  screenshot,
  startBrowserMode,
  useBrowser,
} from './harness.js';
import { trustAfterReview } from './trust-review.js';

const scope = useBrowser();

const COUNTER = `fromAll().when({ $init: () => ({ count: 0 }), $any: (state) => ({ count: state.count + 1 }) });
`;

/** One page of the server, with the folder's navigation shown; its context is closed after the test. */
async function window(url: string, colorScheme: 'light' | 'dark') {
  const { page, context, errors } = await openPage(scope.browser, url, colorScheme, {
    width: 1280,
    height: 760,
  });
  scope.defer(() => context.close());
  const navigation = page.getByRole('navigation', { name: 'Folder' });
  await navigation.waitFor();
  return { page, navigation, errors };
}

async function openCounter(page: Page) {
  await page.getByRole('list', { name: 'Projections' }).getByRole('link', { name: 'counter' }).click();
  const view = page.getByRole('region', { name: 'Projection counter' });
  await view.waitFor();
  return view;
}

describe('trust across windows', () => {
  it('trusting or revoking in one page reaches another page on the same folder at once', async () => {
    const dir = await makeFixtureFolder(
      Array.from({ length: 5 }, (_, index) => ({ stream: `order-${index}`, type: 'OrderPlaced' })),
    );
    scope.defer(() => removeFolder(dir));
    await mkdir(path.join(dir, 'projections'));
    await writeFile(path.join(dir, 'projections', 'counter.js'), COUNTER);
    const server = await startBrowserMode(dir);
    scope.defer(() => server.close());

    const deciding = await window(server.url, 'light');
    const other = await window(server.url, 'dark');
    // The other page shows the projection's code behind its trust prompt, and nothing appends meanwhile:
    // only a push can tell it that the first page decided. The prompt is there once: in the view, not
    // again in the navigation.
    const view = await openCounter(other.page);
    const waiting = view.getByRole('region', { name: 'Waits for trust' });
    await waiting.locator('.cm-content').getByText('fromAll()').waitFor();
    await expect(other.navigation.getByRole('region', { name: 'Folder trust' }).count()).resolves.toBe(0);
    await other.navigation.getByRole('button', { name: 'Trust this folder…' }).waitFor();

    await trustAfterReview(deciding.page, 1);

    await other.navigation.getByText('Folder trusted').waitFor();
    await expect(other.navigation.getByRole('region', { name: 'Folder trust' }).count()).resolves.toBe(0);
    await view.getByText('Caught up at #5').waitFor();
    await expect.poll(() => view.locator(`[data-path='state.count'] .leaf`).first().innerText()).toBe('5');
    await screenshot(other.page, 'trust-other-window-trusted-dark');

    // A revoke in the first page asks the other again, in its view of the projection.
    await deciding.navigation.getByRole('button', { name: 'Revoke' }).click();
    await waiting.locator('.cm-content').getByText('fromAll()').waitFor();
    await view.getByText('Waits for trust').waitFor();
    await other.navigation.getByLabel('waits for trust').waitFor();
    await expect(other.navigation.getByText('Folder trusted').count()).resolves.toBe(0);
    await expect(view.getByRole('slider', { name: 'Position' }).count()).resolves.toBe(0);
    await screenshot(other.page, 'trust-other-window-revoked-dark');

    // And back: the other page trusts from its view, and the first one (which revoked) runs the code again.
    await waiting.getByRole('button', { name: 'Trust this folder…' }).click();
    await other.page
      .getByRole('dialog', { name: 'Trust this folder?' })
      .getByRole('button', { name: 'Trust and run' })
      .click();
    await deciding.navigation.getByText('Folder trusted').waitFor();
    const again = await openCounter(deciding.page);
    await again.getByText('Caught up at #5').waitFor();
    await screenshot(deciding.page, 'trust-other-window-trusted-light');
    expect(deciding.errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });
});
