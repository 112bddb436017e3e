import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const electron = findElectronBinary();
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);

const skipReason =
  electron.path === undefined
    ? `no Electron binary on this machine (${electron.reason})`
    : hasDisplay
      ? undefined
      : 'no display (DISPLAY and WAYLAND_DISPLAY are unset); run the suite under xvfb-run to include it';

if (skipReason) console.warn(`Skipping the desktop-window e2e test: ${skipReason}.`);

interface PageGlobals {
  eventfold?: Record<string, unknown>;
  require?: unknown;
  process?: unknown;
}

describe('the desktop app', () => {
  it.skipIf(skipReason !== undefined)(
    'opens its window on the folder, sandboxed, with only the closed bridge exposed',
    async () => {
      const folder = '/tmp/eventfold-e2e/Journal';
      const app = await _electron.launch({
        executablePath: electron.path,
        args: [root, `--folder=${folder}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        cwd: root,
      });
      try {
        const window = await app.firstWindow();
        await window.getByRole('heading', { name: 'No events in this folder yet' }).waitFor();
        expect(await window.locator('header').innerText()).toContain(folder);

        const globals = await window.evaluate(() => {
          const page = globalThis as PageGlobals;
          return {
            bridge: Object.keys(page.eventfold ?? {}).sort(),
            require: typeof page.require,
            process: typeof page.process,
          };
        });
        expect(globals).toEqual({
          bridge: ['platform', 'version'],
          require: 'undefined',
          process: 'undefined',
        });

        const before = window.url();
        await window.evaluate(() => {
          location.href = 'https://example.com/';
        });
        await window.waitForTimeout(500);
        expect(window.url()).toBe(before);
      } finally {
        await app.close();
      }
    },
  );
});
