import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const { appResponse } = await import('../../electron/main/app-protocol.js');
const { APP_PAGE_URL, pageSource } = await import('../../electron/main/app-page.js');

let workspace: string;
let renderer: string;

/** A built renderer: index.html and an asset, plus things around it that must never be served. */
beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'eventfold-app-protocol-'));
  renderer = path.join(workspace, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Eventfold</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(workspace, 'secret.txt'), 'not for the page');
  fs.writeFileSync(path.join(workspace, 'renderer-other.txt'), 'a sibling whose name starts alike');
  fs.symlinkSync(path.join(workspace, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));
});

afterAll(() => rm(workspace, { recursive: true, force: true }));

const get = (url: string, method = 'GET'): Promise<Response> =>
  appResponse(renderer, new Request(url, { method }));

describe('the app:// scheme', () => {
  it('serves the built page and its assets with their types and the CSP', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>Eventfold</title>');
    const asset = await get('app://eventfold/assets/index-abc.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toBe('console.log(1)');
    expect(await (await get('app://eventfold/')).text()).toContain('<title>Eventfold</title>');
    const head = await get(APP_PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses anything outside the built renderer: encoded dot-dots and slashes, links, NULs', async () => {
    for (const url of [
      'app://eventfold/..%2fsecret.txt',
      'app://eventfold/assets/..%2f..%2fsecret.txt',
      'app://eventfold/%2e%2e%2frenderer-other.txt',
      'app://eventfold/..%5csecret.txt',
      'app://eventfold/index.html%00.png',
      'app://eventfold/assets/link.txt',
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(403);
      expect(await answer.text()).not.toContain('not for the page');
    }
    // The URL parser itself folds dot-dots (plain or encoded as whole segments); what is left stays inside.
    for (const url of ['app://eventfold/../../secret.txt', 'app://eventfold/%2e%2e/secret.txt']) {
      const answer = await get(url);
      expect(answer.status, url).toBe(404);
      expect(await answer.text()).not.toContain('not for the page');
    }
  });

  it('answers 404 for a missing file, a directory or another host, and 405 for other methods', async () => {
    expect((await get('app://eventfold/missing.js')).status).toBe(404);
    expect((await get('app://eventfold/assets')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get(APP_PAGE_URL, 'POST')).status).toBe(405);
  });
});

describe('where the page comes from', () => {
  it('a packaged app shows its own build whatever the environment says', () => {
    expect(
      pageSource({ rendererDir: renderer, devServerUrl: 'http://evil.example:5173/', isPackaged: true }),
    ).toEqual({ kind: 'app', root: renderer, url: 'app://eventfold/index.html' });
  });

  it('a checkout uses electron-vite’s dev server when one runs, else its build', () => {
    expect(
      pageSource({ rendererDir: renderer, devServerUrl: 'http://localhost:5173/', isPackaged: false }),
    ).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/' });
    expect(pageSource({ rendererDir: renderer, devServerUrl: undefined, isPackaged: false })).toMatchObject({
      kind: 'app',
    });
  });
});
