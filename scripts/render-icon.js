// Renders build/icon.svg to the 512x512 build/icon.png that electron-builder packages.
// Usage: node scripts/render-icon.js   (needs a Chromium: see scripts/chromium.js)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from './chromium.js';

const buildDir = path.resolve(import.meta.dirname, '..', 'build');
const svg = await readFile(path.join(buildDir, 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  await page.screenshot({ path: path.join(buildDir, 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
