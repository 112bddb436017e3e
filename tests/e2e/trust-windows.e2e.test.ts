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
  await page.getByRole('list', { name: 'Projections' }).getByRole('button', { name: 'counter' }).click();
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
    // The other page shows the projection behind its trust prompt, and nothing appends meanwhile: only a
    // push can tell it that the first page decided.
    const view = await openCounter(other.page);
    await view.getByRole('region', { name: 'Folder trust' }).getByText('Run it only if you trust').waitFor();
    await other.navigation.getByRole('button', { name: 'Not now' }).click();
    await other.navigation.getByRole('button', { name: 'Trust this folder…' }).waitFor();

    const prompt = deciding.navigation.getByRole('region', { name: 'Folder trust' });
    await prompt.getByRole('button', { name: 'Trust' }).click();
    await deciding.navigation.getByText('Folder trusted').waitFor();

    await other.navigation.getByText('Folder trusted').waitFor();
    await expect(other.navigation.getByRole('region', { name: 'Folder trust' }).count()).resolves.toBe(0);
    await view.getByText('Caught up at #5').waitFor();
    await expect.poll(() => view.locator(`[data-path='state.count'] .leaf`).first().innerText()).toBe('5');
    await screenshot(other.page, 'trust-other-window-trusted-dark');

    // The other page had put the prompt off; a revoke in the first page asks it again.
    await deciding.navigation.getByRole('button', { name: 'Revoke' }).click();
    await view.getByRole('region', { name: 'Folder trust' }).getByText('Run it only if you trust').waitFor();
    await view.getByText('Waits for trust').waitFor();
    await other.navigation.getByRole('region', { name: 'Folder trust' }).waitFor();
    await other.navigation.getByLabel('waits for trust').waitFor();
    await expect(other.navigation.getByText('Folder trusted').count()).resolves.toBe(0);
    await expect(view.getByRole('slider', { name: 'Position' }).count()).resolves.toBe(0);
    await screenshot(other.page, 'trust-other-window-revoked-dark');

    // And back: the other page trusts, and the first one (which revoked) runs the code again.
    await other.navigation
      .getByRole('region', { name: 'Folder trust' })
      .getByRole('button', { name: 'Trust' })
      .click();
    await deciding.navigation.getByText('Folder trusted').waitFor();
    const again = await openCounter(deciding.page);
    await again.getByText('Caught up at #5').waitFor();
    await screenshot(deciding.page, 'trust-other-window-trusted-light');
    expect(deciding.errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });
});
