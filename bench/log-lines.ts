import fs from 'node:fs';
import path from 'node:path';

const SEGMENT = /^\d{12}\.jsonl$/;

/** The folder's segment files in log order (their names sort by first position). */
export function segmentPaths(folder: string): string[] {
  const log = path.join(folder, 'log');
  return fs
    .readdirSync(log)
    .filter((name) => SEGMENT.test(name))
    .sort()
    .map((name) => path.join(log, name));
}

/**
 * The stored lines of a folder (the first `limit`), newline included: the raw baselines write exactly the bytes the store
 * wrote, so the comparison is about the write path and not about line sizes.
 */
export function readLogLines(folder: string, limit = Infinity): Buffer[] {
  const lines: Buffer[] = [];
  for (const file of segmentPaths(folder)) {
    const bytes = fs.readFileSync(file);
    let start = 0;
    for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
      if (lines.length >= limit) return lines;
      lines.push(bytes.subarray(start, end + 1));
      start = end + 1;
    }
  }
  return lines;
}
