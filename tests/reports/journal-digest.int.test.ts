import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.js';
import { eventfold } from '../cli/eventfold-process.js';
import { rewriteLine } from './fixtures/shop-folder.js';
import { runCommands, writeJournalFolder } from './fixtures/journal-folder.js';

const GOLDEN = path.join(import.meta.dirname, 'fixtures', 'golden');
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-digest-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

const WEEK = ['--from', '2026-03-01', '--to', '2026-03-07', '--time-zone', 'UTC'];
let counter = 0;

async function freshJournal(): Promise<string> {
  const dir = path.join(temp, `journal-${counter++}`);
  await writeJournalFolder(dir);
  return dir;
}

/** `eventfold report DIR journal …` into a file; answers its path. */
async function digest(dir: string, format: string, extra: readonly string[] = []): Promise<string> {
  const file = path.join(temp, `${counter++}-digest.${format}`);
  const result = await eventfold([
    'report',
    dir,
    'journal',
    ...WEEK,
    ...extra,
    '--format',
    format,
    '-o',
    file,
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return file;
}

describe('the journal digest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await freshJournal();
  });

  it('writes Markdown as the golden file has it (the stamp lines aside: they hash append times)', async () => {
    const text = fs.readFileSync(await digest(dir, 'md'), 'utf8');
    const lines = text.split('\n');
    expect(lines.at(-2)).toMatch(/^<!-- eventfold \{"eventfold":"eventfold-stamp".*"kind":"journal-digest"/);
    expect(lines.at(-4)).toMatch(/^<sub>Eventfold · folder /);
    const body = lines.slice(0, -4).join('\n');
    const golden = path.join(GOLDEN, 'journal-digest.md');
    if (UPDATE) fs.writeFileSync(golden, body);
    expect(body).toBe(fs.readFileSync(golden, 'utf8'));
  });

  it('writes self-contained HTML: entries as text, small pictures inlined, large ones named', async () => {
    const html = fs.readFileSync(await digest(dir, 'html'), 'utf8');
    expect(html).toContain('<meta name="eventfold-stamp"');
    expect(html).toContain('<title>Journal digest: 2026-03-01 to 2026-03-07</title>');
    // Entries per day, drawn as SVG in both palettes; no script and no link from anywhere.
    expect(html).toMatch(/<figure class="chart"[^>]*aria-label="Entries per day"/);
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).not.toMatch(/<script|<link|src="http|<img src=x/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('**Bold** plan');
    expect(html).toMatch(/<img src="data:image\/png;base64,iVBORw0KGgo[^"]*" alt="harbour.png">/);
    expect(html).toContain('harbour-panorama.jpg (image/jpeg, 600 KB, too large to embed)');
    // The edit's text, not the first; the deleted entry and the days outside the period are left out.
    expect(html).toContain('Second try: better.');
    expect(html).not.toContain('First try');
    expect(html).not.toContain('Wrong window');
    expect(html).not.toContain('Last day of February');
    expect(html).not.toContain('A new week');
    // On this day, in earlier years: 2025-03-02 and 2024-03-05.
    expect(html).toContain('Train to Bergen');
    expect(html).toContain('Snow on the roofs.');
    expect(html).toContain('Longest streak</dt><dd>3 days (2026-03-01 to 2026-03-03)');
  });

  it('opens from disk in Chromium in light and dark (screenshots to look at)', async () => {
    const file = await digest(dir, 'html');
    const browser = await launchChromium();
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ viewport: { width: 900, height: 1000 }, colorScheme });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(pathToFileURL(file).href);
        // The page asks for nothing but itself (and its inlined picture).
        expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
        expect(await page.locator('article.entry').count()).toBe(5);
        expect(
          await page.locator('article.entry img').evaluate((img: HTMLImageElement) => img.naturalWidth),
        ).toBe(240);
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: path.join(SCREENSHOTS, `journal-digest-html-${colorScheme}.png`),
          fullPage: true,
        });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('writes a PDF whose text pdftotext reads, stamped in its metadata', async () => {
    const file = await digest(dir, 'pdf');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Journal digest: 2026-03-01 to 2026-03-07');
    expect(text).toContain('Entries per day');
    expect(text).toContain('Coffee by the harbour with #Ana.');
    expect(text).toContain('Landed in Oslo. #oslo');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('harbour-panorama.jpg (image/jpeg, 600 KB, too large to embed)');
    expect(text).toMatch(/Eventfold · folder [0-9a-f-]{36} · positions 1\.\.\d+/);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Keywords:\s+eventfold folder:/);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '2',
      file,
      path.join(SCREENSHOTS, 'journal-digest-pdf'),
    ]);
  });

  it('gives the same bytes twice in each format', async () => {
    for (const format of ['md', 'html', 'pdf']) {
      const first = fs.readFileSync(await digest(dir, format));
      const second = fs.readFileSync(await digest(dir, format));
      expect(first.equals(second), format).toBe(true);
    }
  });

  it('takes one channel by name', async () => {
    const text = fs.readFileSync(await digest(dir, 'md', ['--channel', 'travel']), 'utf8');
    expect(text).toContain('Landed in Oslo');
    expect(text).not.toContain('Coffee by the harbour');
    const wrong = await eventfold(['report', dir, 'journal', ...WEEK, '--channel', 'Work', '--format', 'md']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/there is no channel "Work" in this journal \(channels: Journal, Travel\)/);
  });

  it('refuses a period that is not one', async () => {
    const result = await eventfold([
      'report',
      dir,
      'journal',
      '--from',
      '2026-03-08',
      '--to',
      '2026-03-01',
      '--format',
      'md',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/the period ends \(2026-03-01\) before it starts \(2026-03-08\)/);
  });
});

describe('verify-report on a journal digest', () => {
  it('passes on the folder, and fails after an entry of the period is edited', async () => {
    const dir = await freshJournal();
    const files = await Promise.all(['md', 'html', 'pdf'].map((format) => digest(dir, format)));
    for (const file of files) expect((await eventfold(['verify-report', file, dir])).code).toBe(0);
    // An entry outside the period changes nothing the digest shows: noted, not a failure.
    await runCommands(dir, [
      {
        type: 'EditMessage',
        message: 'after',
        edit: 'after-edit',
        baseVersion: 1,
        text: 'A new week!',
        at: '2026-03-09T09:00:00.000Z',
      },
    ]);
    const noted = await eventfold(['verify-report', files[0]!, dir]);
    expect(noted.code).toBe(0);
    expect(noted.stdout).toMatch(/note: 1 newer event/);
    await runCommands(dir, [
      {
        type: 'EditMessage',
        message: 'evening',
        edit: 'evening-edit',
        baseVersion: 1,
        text: 'Loud evening.',
        at: '2026-03-10T09:00:00.000Z',
      },
    ]);
    for (const file of files) {
      const failed = await eventfold(['verify-report', file, dir]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(
        /1 event appended since it was made change the entries of its period 2026-03-01\.\.2026-03-07/,
      );
    }
  });

  it('fails after an entry is imported into the period', async () => {
    const dir = await freshJournal();
    const file = await digest(dir, 'md');
    await runCommands(dir, [
      {
        type: 'PostMessage',
        message: 'imported',
        channel: 'journal-channel',
        text: 'From my old diary',
        at: '2026-03-04T20:00:00.000Z',
        origin: { app: 'jrnl', id: 'x1' },
      },
    ]);
    const failed = await eventfold(['verify-report', file, dir]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/change the entries of its period/);
  });

  it('fails after a stored line it used changed', async () => {
    const dir = await freshJournal();
    const file = await digest(dir, 'html');
    rewriteLine(dir, 5, (line) => line.replace('Last day of February.', 'Last day of Februar.'));
    const failed = await eventfold(['verify-report', file, dir]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/a stored line of the report's \d+ events changed/);
  });
});
