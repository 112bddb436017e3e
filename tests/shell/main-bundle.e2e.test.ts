import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../shared/contract.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { FakeBrowserWindow, Menu, ipcMain, protocol, resetFakeElectron } from './fake-electron.js';

// The built main process (out/main, what electron-builder packages) under the stand-in electron module:
// the bundle's imports resolve, it starts, and it serves the folder named on its command line.
vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const OUT_MAIN = fileURLToPath(new URL('../../out/main/', import.meta.url));
const built = existsSync(path.join(OUT_MAIN, 'index.js'));
if (!built)
  console.warn('Skipping the built main process test: out/main is not built (run `npm run build`).');

let workspace: string;
let folder: string;
const savedArgv = process.argv;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'eventfold-main-bundle-'));
  folder = path.join(workspace, 'shop');
  await initEventFolder(folder);
  const store = await openEventStore(folder);
  await store.appendToStream('order-1', [{ type: 'OrderPlaced', data: { total: 12 } }]);
  await store.close();
  resetFakeElectron(path.join(workspace, 'user-data'));
});

afterAll(async () => {
  process.argv = savedArgv;
  for (const window of FakeBrowserWindow.getAllWindows()) window.close();
  // Give the closed window's session a moment to release the folder before its files go.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await rm(workspace, { recursive: true, force: true });
});

describe.skipIf(!built)('the built main process', () => {
  it('emits the store’s scan worker beside its bundle', () => {
    expect(existsSync(path.join(OUT_MAIN, 'scan-worker.js'))).toBe(true);
  });

  it('emits the projection sandbox’s entry beside its bundle (utility processes start it)', () => {
    expect(existsSync(path.join(OUT_MAIN, 'sandbox-child.js'))).toBe(true);
  });

  it('starts, opens the folder named on the command line and answers through eventfold:invoke', async () => {
    process.argv = ['/opt/Eventfold/eventfold', '--folder', folder];
    await import(/* @vite-ignore */ path.join(OUT_MAIN, 'index.js'));
    await vi.waitFor(() => expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 10_000 });
    const window = FakeBrowserWindow.getAllWindows()[0]!;
    await vi.waitFor(() => expect(window.webContents.getURL()).toBe('app://eventfold/index.html'));
    // The bundle serves the built page on its own scheme, from out/renderer.
    const page = await protocol.fetch('app://eventfold/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Content-Security-Policy');
    expect(window.options).toMatchObject({
      webPreferences: {
        preload: path.join(OUT_MAIN, '..', 'preload', 'index.cjs'),
        sandbox: true,
        contextIsolation: true,
      },
    });
    const menus = Menu.current?.template.map((item) => item.label?.replace('&', ''));
    expect(menus).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Events', 'Help']));

    const handler = ipcMain.handlers.get('eventfold:invoke')!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const answer = (await handler(event, 'folder.current', undefined)) as Answer<unknown>;
    expect(answer).toMatchObject({ ok: true, value: { path: folder, events: 1 } });
  });
});
