import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.js';
import { makeFixtureFolder, removeFolder, screenshot, type FixtureEvent } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PRELOAD = path.join(root, 'out', 'preload', 'index.cjs');
const electron = findElectronBinary();
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);

const skipReason =
  electron.path === undefined
    ? `no Electron binary on this machine (${electron.reason})`
    : hasDisplay
      ? undefined
      : 'no display (DISPLAY and WAYLAND_DISPLAY are unset); run the suite under xvfb-run to include it';

if (skipReason) console.warn(`Skipping the desktop-window e2e tests: ${skipReason}.`);

const SHOP: FixtureEvent[] = [
  { stream: 'order-1', type: 'OrderPlaced', data: { total: 12 } },
  { stream: 'order-2', type: 'OrderPlaced', data: { total: 7 } },
  { stream: 'order-1', type: 'OrderShipped', data: { carrier: 'DHL' } },
  { stream: 'customer-1', type: 'CustomerRegistered', data: { name: 'Ada' } },
];

interface BridgeGlobals {
  eventfold: { invoke: (name: string, arg: unknown) => Promise<unknown> };
}

interface PageGlobals {
  eventfold?: Record<string, unknown>;
  require?: unknown;
  process?: unknown;
}

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** This process's environment without a dev server (the built page loads) and with a user data folder. */
function builtAppEnvironment(userData: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value;
  }
  return { ...env, EVENTFOLD_USER_DATA: userData };
}

/** The built app, started as `electron APP_PATH --folder=DIR` with its own user data folder. */
async function launch(
  folder: string | undefined,
): Promise<{ app: ElectronApplication; window: Page; userData: string }> {
  const userData = await mkdtemp(path.join(tmpdir(), 'eventfold-e2e-user-data-'));
  cleanups.push(() => rm(userData, { recursive: true, force: true }));
  const app = await _electron.launch({
    executablePath: electron.path,
    args: [
      root,
      ...(folder === undefined ? [] : [`--folder=${folder}`]),
      // Chromium refuses its own sandbox as root; the page's sandbox (webPreferences) is unaffected.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    cwd: root,
    env: builtAppEnvironment(userData),
  });
  cleanups.push(() => app.close());
  const window = await app.firstWindow();
  return { app, window, userData };
}

describe('the built preload', () => {
  it.skipIf(!existsSync(PRELOAD))(
    'is CommonJS that requires nothing but electron, as a sandboxed preload must',
    async () => {
      const required: string[] = [];
      const exposed: [string, Record<string, unknown>][] = [];
      const listeners: string[] = [];
      // The electron module as a sandboxed preload sees it (the only stand-in the project allows).
      const electronModule = {
        contextBridge: {
          exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]),
        },
        ipcRenderer: { invoke: () => Promise.resolve(), on: () => undefined },
        webUtils: { getPathForFile: () => '' },
      };
      const module = { exports: {} };
      runInNewContext(await readFile(PRELOAD, 'utf8'), {
        require: (name: string) => {
          required.push(name);
          if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
          return electronModule;
        },
        module,
        exports: module.exports,
        document: { addEventListener: (type: string) => listeners.push(type) },
        console,
      });
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(exposed.map(([key, api]) => [key, Object.keys(api).sort()])).toEqual([
        ['eventfold', ['invoke', 'on']],
      ]);
      expect(listeners.sort()).toEqual(['dragover', 'drop']);
    },
  );
});

describe('the desktop app', () => {
  it.skipIf(skipReason !== undefined)(
    'opens the folder named on the command line and shows its streams, sandboxed, with only the bridge exposed',
    async () => {
      const folder = await makeFixtureFolder(SHOP);
      cleanups.push(() => removeFolder(folder));
      const { window } = await launch(folder);

      await window.getByRole('heading', { name: 'Overview' }).waitFor();
      expect(await window.locator('header.app-bar').innerText()).toContain(`${SHOP.length} events`);
      await window.getByRole('button', { name: 'Show the streams of order' }).click();
      const streams = window.locator('.streams-of .stream-row .name');
      await expect
        .poll(() => streams.allInnerTexts())
        .toEqual(expect.arrayContaining(['order-1', 'order-2']));
      await screenshot(window, 'electron-folder');

      const globals = await window.evaluate(() => {
        const page = globalThis as PageGlobals;
        return {
          bridge: Object.keys(page.eventfold ?? {}).sort(),
          require: typeof page.require,
          process: typeof page.process,
        };
      });
      expect(globals).toEqual({ bridge: ['invoke', 'on'], require: 'undefined', process: 'undefined' });

      const refused = await window.evaluate(() =>
        (globalThis as unknown as BridgeGlobals).eventfold.invoke('fs.readFile', { path: '/etc/passwd' }),
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'BadRequest' } });

      const before = window.url();
      await window.evaluate(() => {
        location.href = 'https://example.com/';
      });
      await window.waitForTimeout(500);
      expect(window.url()).toBe(before);
    },
  );

  it.skipIf(skipReason !== undefined)(
    'opens another folder through folder.open and creates the default journal on first start',
    async () => {
      const folder = await makeFixtureFolder(SHOP);
      cleanups.push(() => removeFolder(folder));
      const { window, userData } = await launch(undefined);
      await expect.poll(() => existsSync(path.join(userData, 'Journal', 'eventfold.json'))).toBe(true);

      const answer = await window.evaluate(
        (dir) => (globalThis as unknown as BridgeGlobals).eventfold.invoke('folder.open', { path: dir }),
        folder,
      );
      expect(answer).toMatchObject({ ok: true, value: { path: folder, events: SHOP.length } });
      await expect
        .poll(() => window.locator('header.app-bar').innerText())
        .toContain(`${SHOP.length} events`);
    },
  );
});
