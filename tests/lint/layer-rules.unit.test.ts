import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import tseslint from 'typescript-eslint';

/**
 * DESIGN.md's layers, checked against the real eslint.config.js. Each probe is linted as if it were a file at
 * that path, so no file is written into anyone's folder; type information is off for the probes only, since
 * the layer rules are syntactic.
 */
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: new URL('../..', import.meta.url).pathname,
    overrideConfig: [{ files: ['**/*.ts', '**/*.svelte'], ...tseslint.configs.disableTypeChecked }],
  });
});

const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result?.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${filePath} did not parse: ${fatal.message}`);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId !== null && LAYER_RULES.has(message.ruleId))
    .map((message) => message.message);
}

const importing = (specifier: string) => `import * as probe from '${specifier}';\nexport { probe };\n`;

async function expectRefused(filePath: string, specifier: string): Promise<void> {
  expect(await layerErrors(filePath, importing(specifier)), `${filePath} importing ${specifier}`).not.toEqual(
    [],
  );
}

async function expectAllowed(filePath: string, specifier: string): Promise<void> {
  expect(await layerErrors(filePath, importing(specifier)), `${filePath} importing ${specifier}`).toEqual([]);
}

describe('shared/ imports only shared/', () => {
  const file = 'shared/probe.ts';

  it('refuses Node, npm packages, electron and other folders', async () => {
    for (const specifier of [
      'node:fs',
      'fs',
      'path',
      'lowdb',
      'electron',
      '../electron/store/event-line.js',
    ]) {
      await expectRefused(file, specifier);
    }
    await expectRefused('shared/deeper/probe.ts', '../../renderer/src/App.svelte');
  });

  it('allows other shared/ files', async () => {
    await expectAllowed(file, './event.js');
    await expectAllowed('shared/deeper/probe.ts', '../event.js');
  });

  it('refuses Node and DOM globals, and import() or require() of anything outside', async () => {
    expect(await layerErrors(file, 'export const env = process.env;\n')).not.toEqual([]);
    expect(await layerErrors(file, 'export const title = document.title;\n')).not.toEqual([]);
    expect(await layerErrors(file, 'export const buffer = Buffer.from("x");\n')).not.toEqual([]);
    expect(await layerErrors(file, "export const fs = await import('node:fs');\n")).not.toEqual([]);
    expect(await layerErrors(file, 'export const m = Math.max(1, JSON.parse("2") as number);\n')).toEqual([]);
  });
});

describe('the Node layers never import electron or the renderer', () => {
  for (const layer of ['store', 'read-models', 'projections', 'journal', 'reports', 'api', 'cli', 'serve']) {
    const file = `electron/${layer}/probe.ts`;

    it(`electron/${layer}`, async () => {
      await expectRefused(file, 'electron');
      await expectRefused(file, 'electron/main');
      await expectRefused(file, '../../renderer/src/lib/launch-context.js');
      await expectRefused(file, '../main/window-options.js');
      await expectRefused(file, '../preload/index.js');
      expect(await layerErrors(file, "export const e: unknown = await import('electron');\n")).not.toEqual(
        [],
      );
      await expectAllowed(file, 'node:fs');
      await expectAllowed(file, 'chokidar');
      await expectAllowed(file, '../../shared/event.js');
      if (layer !== 'store') await expectAllowed(file, '../store/event-line.js');
    });
  }
});

describe('inside electron/, imports run one way: store < read-models < projections < journal < reports < api < serve < cli', () => {
  const order = ['store', 'read-models', 'projections', 'journal', 'reports', 'api', 'serve', 'cli'];
  for (const [rank, layer] of order.entries()) {
    it(`electron/${layer} imports the layers below it, never those above`, async () => {
      for (const below of order.slice(0, rank)) {
        await expectAllowed(`electron/${layer}/probe.ts`, `../${below}/probe.js`);
        await expectAllowed(`electron/${layer}/deeper/probe.ts`, `../../${below}/probe.js`);
      }
      for (const above of order.slice(rank + 1)) {
        await expectRefused(`electron/${layer}/probe.ts`, `../${above}/probe.js`);
        await expectRefused(`electron/${layer}/deeper/probe.ts`, `../../${above}/probe.js`);
        expect(
          await layerErrors(
            `electron/${layer}/probe.ts`,
            `export const m: unknown = await import('../${above}/x.js');\n`,
          ),
        ).not.toEqual([]);
      }
    });
  }
});

describe('the Electron shell', () => {
  it('main may import electron and Node, not the renderer', async () => {
    await expectAllowed('electron/main/probe.ts', 'electron');
    await expectAllowed('electron/main/probe.ts', 'node:path');
    await expectAllowed('electron/main/probe.ts', '../serve/default-journal-folder.js');
    await expectRefused('electron/main/probe.ts', '../../renderer/src/main.js');
  });

  it('preload may import electron and shared/, not Node or the Node layers', async () => {
    await expectAllowed('electron/preload/probe.ts', 'electron');
    await expectAllowed('electron/preload/probe.ts', '../../shared/event.js');
    await expectRefused('electron/preload/probe.ts', '../serve/static-server.js');
    await expectRefused('electron/preload/probe.ts', '../store/event-store.js');
    await expectRefused('electron/preload/probe.ts', '../main/window-options.js');
    for (const specifier of ['node:fs', 'fs', 'child_process', 'fs/promises']) {
      await expectRefused('electron/preload/probe.ts', specifier);
    }
  });
});

describe('renderer/ talks only to shared/ and npm packages', () => {
  it('refuses electron, Node and electron/ in .ts files', async () => {
    for (const specifier of ['electron', 'node:path', 'path', '../../electron/serve/static-server.js']) {
      await expectRefused('renderer/src/probe.ts', specifier);
    }
    await expectAllowed('renderer/src/probe.ts', 'svelte');
    await expectAllowed('renderer/src/probe.ts', '../../shared/event.js');
  });

  it('refuses them in .svelte components too', async () => {
    const component = (specifier: string) =>
      `<script lang="ts">\n  import * as probe from '${specifier}';\n  console.log(probe);\n</script>\n`;
    expect(await layerErrors('renderer/src/Probe.svelte', component('node:fs'))).not.toEqual([]);
    expect(await layerErrors('renderer/src/Probe.svelte', component('electron'))).not.toEqual([]);
    expect(await layerErrors('renderer/src/Probe.svelte', component('../../shared/event.js'))).toEqual([]);
  });
});

describe('everything else', () => {
  it('may use Node but never imports electron', async () => {
    await expectRefused('tests/probe.test.ts', 'electron');
    await expectRefused('bench/probe.ts', 'electron');
    await expectAllowed('tests/probe.test.ts', 'node:child_process');
  });
});
