import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from '../../electron/store/crc32c.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';

/**
 * Helpers for the append journal's tests: a power loss is simulated on a copy of a folder taken while its
 * store is still open (after the acknowledgements), by taking back from the last segment what only the
 * page cache held.
 */

export const JOURNAL = path.join('log', 'journal.bin');

/** Copies what a disk holds of a folder: the manifest and log/ (the lock died with the process). */
export function copyAsOnDisk(from: string, to: string): void {
  fs.mkdirSync(path.join(to, 'log'), { recursive: true });
  fs.copyFileSync(path.join(from, 'eventfold.json'), path.join(to, 'eventfold.json'));
  for (const name of fs.readdirSync(path.join(from, 'log'))) {
    fs.copyFileSync(path.join(from, 'log', name), path.join(to, 'log', name));
  }
}

export function lastSegment(dir: string): string {
  const names = fs
    .readdirSync(path.join(dir, 'log'))
    .filter((name) => /^\d{12}\.jsonl$/.test(name))
    .sort();
  const last = names.at(-1);
  if (last === undefined) throw new Error(`${dir} has no segment`);
  return path.join(dir, 'log', last);
}

/** Byte offsets where each line of a file starts, and the file's size at the end. */
export function lineStarts(file: string): number[] {
  const bytes = fs.readFileSync(file);
  const starts = [0];
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) starts.push(at + 1);
  return starts;
}

export type Loss = 'truncate' | 'truncate-inside-line' | 'zeros' | 'zeros-inside-line' | 'zeros-hole';

/**
 * Takes back the last `lines` lines of `file` as a power loss can: the file cut short (its new size never
 * committed), or its size kept with NULs where the data never reached the disk, possibly with part of the
 * first line there, or a hole of NULs with later lines intact (pages written back out of order).
 */
export function loseLastLines(file: string, lines: number, loss: Loss, cut: number): void {
  const starts = lineStarts(file);
  const size = starts.at(-1)!;
  const first = starts[starts.length - 1 - lines]!;
  const firstLength = (starts[starts.length - lines] ?? size) - first;
  const inside = lines === 0 ? first : first + 1 + (cut % Math.max(1, firstLength - 1));
  switch (loss) {
    case 'truncate':
      fs.truncateSync(file, first);
      return;
    case 'truncate-inside-line':
      fs.truncateSync(file, inside);
      return;
    case 'zeros':
      zeroRange(file, first, size);
      return;
    case 'zeros-inside-line':
      zeroRange(file, inside, size);
      return;
    case 'zeros-hole':
      zeroRange(file, first, Math.min(size, first + firstLength + (cut % 300)));
      return;
  }
}

function zeroRange(file: string, from: number, to: number): void {
  if (to <= from) return;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(to - from), 0, to - from, from);
  } finally {
    fs.closeSync(fd);
  }
}

export interface JournaledAppend {
  readonly segment: string;
  readonly offset: number;
  readonly bytes: Buffer;
}

/**
 * The header's generation and the valid records, read as docs/FORMAT.md describes them; or the records
 * that would be valid if the header said `asIf`.
 */
export function readJournal(dir: string, asIf?: number): { generation: number; records: JournaledAppend[] } {
  const file = fs.readFileSync(path.join(dir, JOURNAL));
  const generation = asIf ?? file.readUInt32LE(12);
  const records: JournaledAppend[] = [];
  let at = 4096;
  while (at + 16 <= file.length) {
    const length = file.readUInt32LE(at + 12);
    if (file.toString('latin1', at, at + 4) !== 'EFR1' || file.readUInt32LE(at + 8) !== generation) break;
    if (
      at + 16 + length > file.length ||
      crc32c(file.subarray(at + 8, at + 16 + length)) !== file.readUInt32LE(at + 4)
    )
      break;
    const nameLength = file.readUInt16LE(at + 16);
    const offset =
      file.readUInt32LE(at + 18 + nameLength) + file.readUInt32LE(at + 22 + nameLength) * 2 ** 32;
    records.push({
      segment: file.toString('utf8', at + 18, at + 18 + nameLength),
      offset,
      bytes: file.subarray(at + 26 + nameLength, at + 16 + length),
    });
    // Every record starts on a 4096-byte boundary (docs/FORMAT.md).
    at = Math.ceil((at + 16 + length) / 4096) * 4096;
  }
  return { generation, records };
}

/** How many of the last segment's lines are only in the journal's records (all a power loss can take). */
export function journaledLines(dir: string): number {
  const segment = path.basename(lastSegment(dir));
  const first = readJournal(dir).records.find((record) => record.segment === segment);
  if (first === undefined) return 0;
  return lineStarts(lastSegment(dir)).filter((start) => start >= first.offset).length - 1;
}

/**
 * A folder where a power loss took three journaled appends from the last segment and then a program
 * that ignores the journal appended three other events in their place: `lost` ends up holding it, and the
 * result says which lines only the journal still holds. Uses `original` and `foreign` as scratch.
 */
export async function journalConflict(dirs: {
  original: string;
  lost: string;
  foreign: string;
}): Promise<{ journaledLines: Buffer }> {
  const { original, lost, foreign } = dirs;
  await initEventFolder(original);
  const store = await openEventStore(original, { watch: false });
  try {
    for (let i = 0; i < 10; i++)
      await store.appendToStream('account-1', [{ type: 'Deposited', data: { i } }]);
    copyAsOnDisk(original, lost);
  } finally {
    await store.close();
  }
  const journaled = fs.readFileSync(lastSegment(original)).subarray(lineStarts(lastSegment(original))[7]);
  loseLastLines(lastSegment(lost), 3, 'truncate', 0);
  // The foreign writer: the same folder without the journal, three other events appended.
  copyAsOnDisk(lost, foreign);
  fs.rmSync(path.join(foreign, JOURNAL));
  const other = await openEventStore(foreign, { watch: false, durability: 'none' });
  await other.appendToStream('intruder-1', [{ type: 'A' }, { type: 'B' }, { type: 'C' }]);
  await other.close();
  fs.copyFileSync(lastSegment(foreign), lastSegment(lost));
  return { journaledLines: journaled };
}
