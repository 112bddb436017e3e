import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendFromCli,
  useBrowser,
  makeFixtureFolder,
  openPage,
  RENDERER_DIR,
  removeFolder,
  screenshot,
  startBrowserMode,
  type OpenedPage,
} from './harness.js';

const scope = useBrowser();

/** An empty event folder of its own, served in browser mode, open in a fresh browser profile. */
async function openEmptyFolder(
  colorScheme: 'light' | 'dark' = 'light',
): Promise<OpenedPage & { dir: string }> {
  const dir = await makeFixtureFolder([]);
  scope.defer(() => removeFolder(dir));
  const server = await startBrowserMode(dir);
  scope.defer(() => server.close());
  const opened = await openPage(scope.browser, server.url, colorScheme);
  scope.defer(() => opened.context.close());
  return { ...opened, dir };
}

const backgroundOf = (opened: OpenedPage) =>
  opened.page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('the renderer in browser mode', () => {
  it('shows the folder it serves, and an empty folder says what happens next', async () => {
    const opened = await openEmptyFolder('light');
    const { page, dir, errors } = opened;
    await page.getByRole('heading', { name: 'No events in this folder yet' }).waitFor();
    const header = await page.locator('header.app-bar').innerText();
    expect(header).toContain(path.basename(dir));
    expect(await page.locator('header.app-bar .path').innerText()).toContain(dir);
    expect(header).toContain('0 events');
    expect(await page.title()).toBe(`Overview · ${path.basename(dir)} · Eventfold`);
    await screenshot(page, 'renderer-light');
    expect(errors).toEqual([]);
  });

  it('follows a dark system theme', async () => {
    const opened = await openEmptyFolder('dark');
    await opened.page.getByRole('heading', { name: 'No events in this folder yet' }).waitFor();
    expect(await backgroundOf(opened)).toBe('rgb(20, 22, 27)');
    await screenshot(opened.page, 'renderer-dark');
    expect(opened.errors).toEqual([]);
  });

  it('lets the user pin a theme over the system one, and remembers it', async () => {
    const opened = await openEmptyFolder('light');
    const { page } = opened;
    await page.getByRole('heading', { name: 'No events in this folder yet' }).waitFor();
    expect(await backgroundOf(opened)).toBe('rgb(246, 247, 249)');
    await page.getByRole('radio', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await backgroundOf(opened)).toBe('rgb(20, 22, 27)');
    await page.reload();
    await page.getByRole('heading', { name: 'No events in this folder yet' }).waitFor();
    expect(await backgroundOf(opened)).toBe('rgb(20, 22, 27)');
    await page.getByRole('radio', { name: 'System' }).click();
    expect(await backgroundOf(opened)).toBe('rgb(246, 247, 249)');
  });

  it('opens and creates other folders from the start screen, by path (browser mode has no folder dialog)', async () => {
    const opened = await openEmptyFolder('light');
    const { page, dir, errors } = opened;
    const other = await makeFixtureFolder([
      { stream: 'note-1', type: 'NoteWritten', data: { text: 'hello' } },
    ]);
    scope.defer(() => removeFolder(other));
    const scratch = await mkdtemp(path.join(tmpdir(), 'eventfold-e2e-new-'));
    scope.defer(() => rm(scratch, { recursive: true, force: true }));

    await page.getByRole('heading', { name: 'No events in this folder yet' }).waitFor();
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await page.getByRole('heading', { name: 'Open another folder' }).waitFor();
    // The served folder is the recent one, marked as open now.
    const recent = page.locator('section.recent li');
    expect(await recent.first().innerText()).toContain(dir);
    expect(await recent.first().innerText()).toContain('open now');
    await screenshot(page, 'start-screen-light');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await screenshot(page, 'start-screen-dark');
    await page.evaluate(() => delete document.documentElement.dataset.theme);

    // A path that is no event folder is refused with the store's reason.
    await page.getByRole('button', { name: 'Open folder…' }).click();
    const input = page.getByLabel('Path of the event folder');
    await input.fill(path.join(scratch, 'nothing-here'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('nothing-here');
    await screenshot(page, 'start-screen-error-light');

    await input.fill(other);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.locator('header.app-bar').innerText()).toContain('1 event');
    expect(await page.locator('header.app-bar .path').innerText()).toContain(other);

    // Both are recent now, the open one first; forgetting the other takes it off the list (not off the disk).
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await expect.poll(() => recent.count()).toBe(2);
    expect(await recent.first().innerText()).toContain(other);
    await recent
      .nth(1)
      .getByRole('button', { name: /^Forget/ })
      .click();
    await expect.poll(() => recent.count()).toBe(1);
    await page.getByRole('button', { name: /^Back to/ }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    // A new folder: created empty and opened.
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await page.getByRole('button', { name: 'New event folder…' }).click();
    const created = path.join(scratch, 'fresh');
    await page.getByLabel('Path of the new event folder').fill(created);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'No events in this folder yet' }).waitFor();
    expect(await page.locator('header.app-bar .path').innerText()).toContain(created);
    expect(errors).toEqual([]);
  });

  it('shows nothing of the app to a browser without the token', async () => {
    const dir = await makeFixtureFolder([]);
    scope.defer(() => removeFolder(dir));
    const server = await startBrowserMode(dir);
    scope.defer(() => server.close());
    const url = new URL(server.url);
    url.search = '';
    const { page, context } = await openPage(scope.browser, url.href);
    scope.defer(() => context.close());
    expect(await page.locator('body').innerText()).toContain('access token');
    expect(await page.getByRole('heading').count()).toBe(0);
  });

  it('says when Eventfold cannot be reached, and tries again on request', async () => {
    // The built page from a plain file server: everything loads but there is no Eventfold behind /api.
    const server = createServer((request, response) => {
      const name = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html');
      readFile(path.join(RENDERER_DIR, path.normalize(name)))
        .then((body) => {
          const type = name.endsWith('.js')
            ? 'text/javascript'
            : name.endsWith('.css')
              ? 'text/css'
              : 'text/html';
          response
            .writeHead(200, { 'content-type': name.endsWith('.svg') ? 'image/svg+xml' : type })
            .end(body);
        })
        .catch(() => response.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    scope.defer(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;
    const { page, context } = await openPage(scope.browser, `http://127.0.0.1:${port}/`);
    scope.defer(() => context.close());

    await page.getByRole('heading', { name: 'Cannot reach Eventfold' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain(`127.0.0.1:${port}/api`);
    await screenshot(page, 'connection-failed-light');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await screenshot(page, 'connection-failed-dark');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Cannot reach Eventfold' }).waitFor();
  });

  it('says it is reconnecting while the server is away, and catches up when it is back', async () => {
    const dir = await makeFixtureFolder([{ stream: 'note-1', type: 'NoteAdded', data: { text: 'first' } }]);
    scope.defer(() => removeFolder(dir));
    const first = await startBrowserMode(dir);
    const { page, context } = await openPage(scope.browser, first.url);
    scope.defer(() => context.close());
    await page.locator('header.app-bar').getByText('1 event').waitFor();

    await first.close();
    const reconnecting = page.getByRole('alert').filter({ hasText: 'Reconnecting' });
    await reconnecting.waitFor();
    const append = page.getByRole('button', { name: 'Append event' });
    await expect(append.isDisabled()).resolves.toBe(true);
    await screenshot(page, 'reconnecting-light');
    await appendFromCli(dir, 'note-1', 'NoteAdded', { text: 'written while the page was away' });

    const again = await startBrowserMode(dir, { port: first.port, token: first.token });
    scope.defer(() => again.close());
    await reconnecting.waitFor({ state: 'detached' });
    await page.locator('header.app-bar').getByText('2 events').waitFor();
    await expect(append.isEnabled()).resolves.toBe(true);
  });
});
