import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newFolder, startEventfold, tempDir } from './eventfold-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** What a source checkout holds after `npm install` (which builds dist/, not the browser app). */
const CHECKOUT = [
  'package.json',
  'electron.vite.config.ts',
  'bin',
  'build',
  'dist',
  'electron',
  'renderer',
  'shared',
];

describe('eventfold serve in a source checkout', () => {
  it(
    'builds the browser app on the first serve, saying so in one line, then serves it',
    { timeout: 600_000 },
    async () => {
      const checkout = path.join(tempDir(), 'eventfold');
      for (const entry of CHECKOUT)
        fs.cpSync(path.join(ROOT, entry), path.join(checkout, entry), { recursive: true });
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
      expect(fs.existsSync(path.join(checkout, 'out'))).toBe(false);
      const dir = await newFolder();

      const serve = startEventfold(
        ['serve', dir, '--no-open'],
        {},
        path.join(checkout, 'bin', 'eventfold.js'),
      );
      const first = await serve.waitForLine(() => true, 540_000);
      expect(serve.stderr()).toBe(
        'eventfold: building the browser app, once (it takes a minute); later starts are quick\n',
      );
      const url = /at (http:\/\/\S+)$/.exec(first)?.[1];
      expect(url, first).toBeDefined();
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>Eventfold</title>');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      // The page's own requests carry the cookie it set.
      const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
      const asset = await fetch(new URL(script!, url), { headers: { cookie } });
      expect(asset.status).toBe(200);
      expect((await asset.text()).length).toBeGreaterThan(10_000);
      serve.child.kill('SIGINT');
      expect((await serve.exited).code).toBe(0);

      // The second start finds the build and says nothing about it.
      const again = startEventfold(
        ['serve', dir, '--no-open'],
        {},
        path.join(checkout, 'bin', 'eventfold.js'),
      );
      expect(await again.waitForLine(() => true)).toMatch(/^Eventfold serving /);
      expect(again.stderr()).toBe('');
      again.child.kill('SIGINT');
      await again.exited;
    },
  );
});
