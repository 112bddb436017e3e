import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// The file name says the tier: *.unit.test.ts, *.int.test.ts (real files, real child processes from dist/),
// *.e2e.test.ts (the built app in a real browser).
const exclude = ['**/node_modules/**', 'dist/**', 'out/**'];
/** The renderer's tests: its `.svelte.ts` controllers use runes, so they are compiled as the page's bundle is. */
const rendererTests = 'tests/renderer*/**/*.unit.test.ts';

export default defineConfig({
  plugins: [svelte({ configFile: false })],
  test: {
    // Every test, worker and child process gets a temporary settings folder, and a test file that writes
    // into the user's own fails (tests/setup/user-settings-guard.ts, user-settings-check.ts).
    globalSetup: ['tests/setup/user-settings-guard.ts'],
    setupFiles: ['tests/setup/user-settings-check.ts'],
    projects: [
      {
        extends: true,
        // Property tests run hundreds of cases: on a loaded two-core machine 5 s is a timing assertion, not a hang check.
        test: {
          name: 'unit',
          include: ['**/*.unit.test.ts'],
          exclude: [...exclude, rendererTests],
          testTimeout: 30_000,
          // Vitest's default is one worker less than the cores: one worker on a two-core machine, CI's.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        // The browser build of svelte (and of every package), as in the page: effects run, as they do there.
        resolve: { conditions: ['browser'] },
        test: {
          name: 'unit-renderer',
          include: [rendererTests],
          exclude,
          testTimeout: 30_000,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file spawns processes of its own; two cores run two files at a time well, more thrash.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: each e2e file starts its own Chromium or Electron.
          fileParallelism: false,
        },
      },
    ],
  },
});
