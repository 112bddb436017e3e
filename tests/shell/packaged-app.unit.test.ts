import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { initEventFolder } from '../../electron/store/index.js';
import { FakeBrowserWindow, app, protocol, resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

/**
 * The real entry point (electron/main/index.ts) started as an installed app whose environment names a
 * renderer address: the window still shows the app's own page, from its own scheme.
 */
let workspace: string;
const saved = { argv: process.argv, url: process.env.ELECTRON_RENDERER_URL };

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'eventfold-packaged-'));
  await initEventFolder(path.join(workspace, 'shop'));
  resetFakeElectron(path.join(workspace, 'user-data'));
});

afterAll(async () => {
  process.argv = saved.argv;
  if (saved.url === undefined) delete process.env.ELECTRON_RENDERER_URL;
  else process.env.ELECTRON_RENDERER_URL = saved.url;
  for (const window of FakeBrowserWindow.getAllWindows()) window.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await rm(workspace, { recursive: true, force: true });
});

it('a packaged app ignores ELECTRON_RENDERER_URL and serves its page from app://eventfold/', async () => {
  app.isPackaged = true;
  process.env.ELECTRON_RENDERER_URL = 'http://evil.example:5173/';
  process.argv = ['/opt/Eventfold/eventfold', '--folder', path.join(workspace, 'shop')];
  await import('../../electron/main/index.js');
  await vi.waitFor(() => expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 10_000 });
  const window = FakeBrowserWindow.getAllWindows()[0]!;
  await vi.waitFor(() => expect(window.webContents.getURL()).toBe('app://eventfold/index.html'));
  expect(window.loads).toEqual(['app://eventfold/index.html']);
  expect(protocol.privileged).toEqual([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    {
      scheme: 'eventfold-attachment',
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
  expect(protocol.handlers.has('app')).toBe(true);
});
