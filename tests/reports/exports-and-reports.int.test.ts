import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventfold } from '../cli/eventfold-process.js';
import { INJECTIONS, SHOP_FOLDER_ID, rewriteLine, writeShopFolder } from './fixtures/shop-folder.js';

const GOLDEN = path.join(import.meta.dirname, 'fixtures', 'golden');
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-reports-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

let counter = 0;
function freshFolder(): string {
  const dir = path.join(temp, `shop-${counter++}`);
  writeShopFolder(dir);
  return dir;
}

/** Runs eventfold with -o into the temp folder and answers the file's bytes. */
async function made(args: readonly string[], name: string): Promise<Buffer> {
  const file = path.join(temp, `${counter++}-${name}`);
  const result = await eventfold([...args, '-o', file]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return fs.readFileSync(file);
}

function golden(name: string, bytes: Buffer | string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  expect(Buffer.from(bytes).toString('utf8')).toBe(fs.readFileSync(file, 'utf8'));
}

const CASES: readonly { name: string; args: readonly string[] }[] = [
  { name: 'events.jsonl', args: ['export', '--format', 'jsonl'] },
  { name: 'orders.json', args: ['export', '--category', 'order', '--format', 'json'] },
  { name: 'orders.csv', args: ['export', '--type', 'OrderPlaced', '--format', 'csv', '--bom'] },
  {
    name: 'shipped.md',
    args: [
      'export',
      '--type',
      'OrderShipped',
      '--format',
      'md',
      '--columns',
      'position,time,stream,data.carrier',
    ],
  },
  {
    name: 'statistics.json',
    args: ['export', '--projection', 'stream-statistics', '--at', '40', '--format', 'json'],
  },
  { name: 'statistics.csv', args: ['export', '--projection', 'stream-documents', '--format', 'csv'] },
  { name: 'statistics.md', args: ['export', '--projection', 'stream-statistics', '--format', 'md'] },
  { name: 'folder-report.html', args: ['report', 'folder', '--format', 'html'] },
  { name: 'folder-report.md', args: ['report', 'folder', '--from', '2026-03-03', '--format', 'md'] },
  {
    name: 'projection-report.md',
    args: ['report', 'projection', 'stream-statistics', '--at', '40', '--compare', '20', '--format', 'md'],
  },
];

/** The folder argument goes after the subcommand. */
function withDir(args: readonly string[], dir: string): string[] {
  return [args[0]!, dir, ...args.slice(1)];
}

describe('exports and reports of the fixture folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = freshFolder();
  });

  for (const { name, args } of CASES) {
    it(`${name}: matches its golden file, byte for byte the same on a second run, and verifies`, async () => {
      const first = await made(withDir(args, dir), name);
      const second = await made(withDir(args, dir), name);
      expect(second.equals(first)).toBe(true);
      golden(name, first);
      const file = path.join(temp, name);
      fs.writeFileSync(file, first);
      const verified = await eventfold(['verify-report', file, dir]);
      expect(verified.stdout).toContain(`${file} matches ${dir}`);
      expect(verified.code).toBe(0);
    });
  }

  it('PDF: same bytes twice, the stamp in its metadata, selectable text, pages that render', async () => {
    const args = withDir(['report', 'folder', '--format', 'pdf'], dir);
    const first = await made(args, 'folder.pdf');
    const second = await made(args, 'folder.pdf');
    expect(second.equals(first)).toBe(true);
    const file = path.join(temp, 'folder-report.pdf');
    fs.writeFileSync(file, first);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Folder report');
    expect(text).toContain('Events over time by type');
    expect(text).toContain('OrderPlaced');
    expect(text).toContain(`folder ${SHOP_FOLDER_ID}`);
    golden('folder-report.pdf.txt', text);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toContain(`folder:${SHOP_FOLDER_ID}`);
    expect(info).toContain('CreationDate:');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/Roboto-Regular\s+CID TrueType\s+Identity-H\s+yes/);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-r', '70', '-png', file, path.join(SCREENSHOTS, 'report-folder-pdf')]);
    expect(fs.readdirSync(SCREENSHOTS).some((name) => name.startsWith('report-folder-pdf'))).toBe(true);
    expect((await eventfold(['verify-report', file, dir])).code).toBe(0);
  });

  it('CSV: every formula cell comes back escaped through a CSV parser; numbers stay numbers', async () => {
    const bytes = await made(
      [`export`, dir, '--stream', 'notes-csv', '--format', 'csv', '--columns', 'data.note,data.amount'],
      'notes.csv',
    );
    const rows: string[][] = parse(bytes, { comment: '#', relax_column_count: true });
    expect(rows[0]).toEqual(['data.note', 'data.amount']);
    const body = rows.slice(1);
    expect(body).toHaveLength(INJECTIONS.length);
    body.forEach(([note, amount], i) => {
      expect(note).toBe(`'${INJECTIONS[i]!}`);
      expect(amount).toBe(String(-5 - i));
    });
  });
});

describe('verify-report', () => {
  it('passes on the source folder and fails after an append inside a closed time range', async () => {
    const dir = freshFolder();
    const file = path.join(temp, 'open-ended.csv');
    const closed = path.join(temp, 'closed.jsonl');
    expect(
      (await eventfold(['export', dir, '--category', 'order', '--format', 'csv', '-o', file])).code,
    ).toBe(0);
    expect(
      (
        await eventfold([
          'export',
          dir,
          '--category',
          'order',
          '--to',
          '2099-12-31T00:00:00Z',
          '--format',
          'jsonl',
          '-o',
          closed,
        ])
      ).code,
    ).toBe(0);
    expect((await eventfold(['verify-report', closed, dir])).code).toBe(0);
    expect((await eventfold(['append', dir, 'order-999', 'OrderPlaced', '--data', '{"total":1}'])).code).toBe(
      0,
    );
    const failed = await eventfold(['verify-report', closed, dir]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/1 event appended inside the report's time range/);
    // The open-ended export covered the log up to its end then: a later event is noted, not a failure.
    const open = await eventfold(['verify-report', file, dir]);
    expect(open.code).toBe(0);
    expect(open.stdout).toMatch(/note: 1 newer event after position \d+ would match its filter/);
  });

  it('fails after an append inside a closed position range', async () => {
    const dir = freshFolder();
    const file = path.join(temp, 'range.md');
    expect((await eventfold(['export', dir, '--to', '200', '--format', 'md', '-o', file])).code).toBe(0);
    expect((await eventfold(['append', dir, 'order-1000', 'OrderPlaced'])).code).toBe(0);
    const failed = await eventfold(['verify-report', file, dir]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /1 event appended inside the report's range since it was made \(position \d+\)/,
    );
  });

  it('fails after a stored line changed, even with a checksum that matches', async () => {
    const dir = freshFolder();
    const file = path.join(temp, 'changed.html');
    expect((await eventfold(['report', dir, 'folder', '--format', 'html', '-o', file])).code).toBe(0);
    rewriteLine(dir, 1, (line) => line.replace('"total":10,', '"total":99,'));
    const failed = await eventfold(['verify-report', file, dir]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/changed: a stored line of the report's \d+ events changed/);
  });

  it('fails on a tampered report and names it', async () => {
    const dir = freshFolder();
    const file = path.join(temp, 'tampered.csv');
    expect((await eventfold(['export', dir, '--format', 'csv', '-o', file])).code).toBe(0);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('OrderPlaced', 'OrderRefunded'));
    const failed = await eventfold(['verify-report', file, dir]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('the report was changed after it was made');
  });

  it('exits 2 for a file without a stamp and for missing arguments', async () => {
    const dir = freshFolder();
    const plain = path.join(temp, 'plain.txt');
    fs.writeFileSync(plain, 'hello\n');
    const unstamped = await eventfold(['verify-report', plain, dir]);
    expect(unstamped.code).toBe(2);
    expect(unstamped.stderr).toContain('has no Eventfold stamp');
    expect((await eventfold(['verify-report', plain])).code).toBe(2);
    expect((await eventfold(['export', dir, '--format', 'xlsx'])).code).toBe(2);
    expect((await eventfold(['export', dir, '--format', 'csv', '--columns', 'nope'])).stderr).toContain(
      'unknown column "nope"',
    );
  });
});
