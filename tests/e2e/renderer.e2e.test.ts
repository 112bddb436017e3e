import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultJournalFolder } from '../../electron/serve/default-journal-folder.js';
import { startStaticServer, type RunningStaticServer } from '../../electron/serve/static-server.js';
import { launchChromium } from '../../scripts/chromium.js';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const screenshots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
// What a Linux user's default journal looks like, so the screenshots show a realistic path.
const folder = defaultJournalFolder({ platform: 'linux', env: {}, homedir: '/home/ada' });

let browser: Browser;
let server: RunningStaticServer;
let context: BrowserContext | undefined;

beforeAll(async () => {
  if (!existsSync(`${rendererDir}/index.html`)) {
    throw new Error('out/renderer is not built: run `npm run build` (npm run test:e2e does).');
  }
  await mkdir(screenshots, { recursive: true });
  server = await startStaticServer({ folder, rendererDir });
  browser = await launchChromium();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser profile per test, collecting anything the page reports as broken (CSP violations too). */
async function openPage(
  colorScheme: 'light' | 'dark',
  url = server.url,
): Promise<{ page: Page; errors: string[] }> {
  context = await browser.newContext({ viewport: { width: 1200, height: 760 }, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

const backgroundOf = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('the renderer in browser mode', () => {
  it('shows the folder it was given and an empty state that says what happens next', async () => {
    const { page, errors } = await openPage('light');
    await expect(
      page.getByRole('heading', { name: 'No events in this folder yet' }).isVisible(),
    ).resolves.toBe(true);
    expect(await page.locator('header').innerText()).toContain(folder);
    expect(await page.locator('main').innerText()).toContain('eventfold');
    expect(await page.title()).toBe('Eventfold');
    await page.screenshot({ path: `${screenshots}renderer-light.png` });
    expect(errors).toEqual([]);
  });

  it('follows a dark system theme', async () => {
    const { page, errors } = await openPage('dark');
    await page.getByRole('heading', { name: 'No events in this folder yet' }).waitFor();
    expect(await backgroundOf(page)).toBe('rgb(20, 22, 27)');
    await page.screenshot({ path: `${screenshots}renderer-dark.png` });
    expect(errors).toEqual([]);
  });

  it('lets the user pin a theme over the system one, and remembers it', async () => {
    const { page } = await openPage('light');
    expect(await backgroundOf(page)).toBe('rgb(246, 247, 249)');
    await page.getByRole('radio', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await backgroundOf(page)).toBe('rgb(20, 22, 27)');
    await page.reload();
    expect(await backgroundOf(page)).toBe('rgb(20, 22, 27)');
    await page.getByRole('radio', { name: 'System' }).click();
    expect(await backgroundOf(page)).toBe('rgb(246, 247, 249)');
  });

  it('tells the user how to open a folder when none was named', async () => {
    const url = new URL(server.url);
    url.searchParams.delete('folder');
    const { page, errors } = await openPage('light', url.href);
    await page.getByRole('heading', { name: 'No folder open' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('npm start');
    await page.screenshot({ path: `${screenshots}renderer-no-folder-light.png` });
    expect(errors).toEqual([]);
  });

  it('shows nothing of the app to a browser without the token', async () => {
    const url = new URL(server.url);
    url.search = '';
    const { page } = await openPage('light', url.href);
    expect(await page.locator('body').innerText()).toContain('access token');
    expect(await page.getByRole('heading').count()).toBe(0);
  });
});
