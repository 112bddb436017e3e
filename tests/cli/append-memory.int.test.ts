import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, eventfoldOk, jsonLines, newFolder, tempDir } from './eventfold-process.js';

const PEAK_RSS = path.resolve(import.meta.dirname, '../../dist/tests/children/peak-rss.js');
const MiB = 1024 * 1024;

/** Writes `count` input lines numbered from `first` to a file, a chunk at a time (never all in memory). */
async function writeInput(file: string, first: number, count: number): Promise<number> {
  const out = fs.createWriteStream(file);
  for (let i = first; i < first + count; i++) {
    const line = JSON.stringify({
      stream: `order-${i % 1000}`,
      type: i % 3 === 0 ? 'OrderPlaced' : 'ItemAdded',
      data: { i, sku: `sku-${i % 97}`, qty: i % 5, note: 'a line of about the size of an ordinary event' },
    });
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return fs.statSync(file).size;
}

/** `eventfold append DIR --stdin < file`, reporting its peak resident memory. */
async function importFile(dir: string, file: string): Promise<{ stdout: string; peakRss: number }> {
  const report = path.join(tempDir(), 'peak-rss');
  const input = fs.openSync(file, 'r');
  const child = spawn(process.execPath, ['--import', PEAK_RSS, BIN, 'append', dir, '--stdin'], {
    stdio: [input, 'pipe', 'pipe'],
    env: { ...process.env, EVENTFOLD_PEAK_RSS_FILE: report },
  });
  fs.closeSync(input);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`the import exited ${String(code)}: ${stderr}`);
  return { stdout, peakRss: Number(fs.readFileSync(report, 'utf8')) };
}

describe('eventfold append --stdin memory', () => {
  // Minutes on a loaded machine: a million durable appends. Nothing here is timed.
  it(
    'stays flat in the size of the input: 1,000,000 lines take no more than 100,000',
    { timeout: 1_800_000 },
    async () => {
      const dir = await newFolder();
      const big = path.join(tempDir(), 'million.jsonl');
      const bigBytes = await writeInput(big, 0, 1_000_000);
      const million = await importFile(dir, big);
      expect(million.stdout).toBe(
        'Read 1,000,000 lines: appended 1,000,000 events at positions 1-1,000,000\n',
      );

      // The store's index grows with the folder (tens of bytes an event), not with the input: so the small
      // import goes into the same folder, which then holds more events than after the big one.
      const small = path.join(tempDir(), 'hundred-thousand.jsonl');
      await writeInput(small, 1_000_000, 100_000);
      const hundredThousand = await importFile(dir, small);
      expect(hundredThousand.stdout).toBe(
        'Read 100,000 lines: appended 100,000 events at positions 1,000,001-1,100,000\n',
      );

      // Ten times the input (130 MiB of it) may not cost more than a small, fixed margin. Buffering the
      // input, even once as parsed lines, would cost several hundred MiB.
      const grew = million.peakRss - hundredThousand.peakRss;
      console.info(
        `append --stdin peak RSS: ${(million.peakRss / MiB).toFixed(0)} MiB for 1,000,000 lines into an empty ` +
          `folder, ${(hundredThousand.peakRss / MiB).toFixed(0)} MiB for 100,000 more`,
      );
      expect(bigBytes).toBeGreaterThan(120 * MiB);
      expect(
        grew,
        `peak RSS ${million.peakRss / MiB} MiB for 1M lines, ${hundredThousand.peakRss / MiB} MiB for 100k`,
      ).toBeLessThan(24 * MiB);

      // And the big import kept input order.
      const tail = jsonLines(
        await eventfoldOk(['read', dir, '--from', '999998', '--limit', '4', '--json']),
      ) as {
        position: number;
        data: { i: number };
      }[];
      expect(tail.map((event) => [event.position, event.data.i])).toEqual([
        [999_998, 999_997],
        [999_999, 999_998],
        [1_000_000, 999_999],
        [1_000_001, 1_000_000],
      ]);
    },
  );
});
