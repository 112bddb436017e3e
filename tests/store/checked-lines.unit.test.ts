import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openEventStore, type CheckedChunk, type EventStore } from '../../electron/store/index.js';
import { buildFolder, folderRecipe, segmentPath, type BuiltFolder } from './built-folder.js';
import { readEverything } from './read-everything.js';
import { middleLines } from './recovery/flipped-bit.js';
import { makeTempDir, removeDir, useTempFolders } from './temp-folders.js';

const tempFolder = useTempFolders('eventfold-checked-lines-');

async function allChunks(store: EventStore, from = 1, to = store.lastPosition): Promise<CheckedChunk[]> {
  const chunks: CheckedChunk[] = [];
  for await (const chunk of store.readCheckedLines(from, to)) chunks.push(chunk);
  return chunks;
}

/** The positions of the lines the chunks hold, and their holes, checking the chunks cover from..to in order. */
function positionsIn(chunks: readonly CheckedChunk[], from: number, to: number) {
  const lines: { position: number; text: string }[] = [];
  const holes: number[] = [];
  let next = from;
  for (const chunk of chunks) {
    expect(chunk.first).toBe(next);
    expect(chunk.last).toBeGreaterThanOrEqual(chunk.first);
    const text = chunk.bytes.toString('utf8');
    if (text !== '') expect(text.endsWith('\n')).toBe(true);
    for (const line of text.split('\n').slice(0, -1)) {
      lines.push({ position: (JSON.parse(line) as { position: number }).position, text: line });
    }
    holes.push(...chunk.holes);
    next = chunk.last + 1;
  }
  expect(next).toBe(to + 1);
  return { lines, holes };
}

/** A whole second: a modification time that survives being set again exactly. */
const SOME_TIME = 1_700_000_000;

/** Gives the segments a modification time that `rot` can put back exactly (before the cache records it). */
function settleTimes(dir: string): void {
  for (const name of fs.readdirSync(path.join(dir, 'log'))) {
    if (name.endsWith('.jsonl')) fs.utimesSync(path.join(dir, 'log', name), SOME_TIME, SOME_TIME);
  }
}

/**
 * Writes a segment in place as bit rot would change it: without a new modification time, so that the
 * index cache still vouches for its lines (an edit with a new time makes the store scan it again).
 */
function rot(file: string, bytes: Buffer): void {
  fs.writeFileSync(file, bytes);
  fs.utimesSync(file, SOME_TIME, SOME_TIME);
}

/** Flips one bit of a line in the middle of the log (as bit rot would), and returns its position. */
function damage(built: BuiltFolder, pick: number, byte: number, bit: number): number {
  const candidates = middleLines(built);
  const line = candidates[pick % candidates.length]!;
  const file = segmentPath(built.dir, line.segment);
  const bytes = fs.readFileSync(file);
  const at = line.start + (byte % (line.end - 1 - line.start));
  bytes[at] = bytes[at]! ^ (1 << bit);
  rot(file, bytes);
  return line.event.position;
}

describe('readCheckedLines: the stored lines, checked as read checks them', () => {
  it('holds every line of a sound log, as stored, across segments, in chunks of whole lines', async () => {
    await fc.assert(
      fc.asyncProperty(folderRecipe(), fc.nat(), async (recipe, cut) => {
        const dir = makeTempDir('eventfold-checked-');
        try {
          const built = await buildFolder(dir, recipe);
          const store = await openEventStore(dir, { watch: false, readOnly: true });
          try {
            const last = store.lastPosition;
            const from = 1 + (cut % last);
            const { lines, holes } = positionsIn(await allChunks(store, from, last), from, last);
            expect(holes).toEqual([]);
            const stored = built.lines.filter((line) => line.event.position >= from);
            expect(lines.map((line) => line.position)).toEqual(stored.map((line) => line.event.position));
            for (const [i, line] of stored.entries()) {
              const raw = fs.readFileSync(segmentPath(dir, line.segment)).subarray(line.start, line.end - 1);
              expect(lines[i]!.text).toBe(raw.toString('utf8'));
            }
          } finally {
            await store.close();
          }
        } finally {
          removeDir(dir);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('makes a damaged line a hole exactly where read has no event, found at open or when first read', async () => {
    await fc.assert(
      fc.asyncProperty(
        folderRecipe(4),
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 7 }),
        fc.boolean(),
        async (recipe, pick, byte, bit, cached) => {
          const dir = makeTempDir('eventfold-checked-');
          try {
            const built = await buildFolder(dir, recipe);
            if (middleLines(built).length === 0) return;
            if (cached) {
              // The index cache vouches for every line; the damage comes after it was written.
              settleTimes(dir);
              const warm = await openEventStore(dir, { watch: false });
              await warm.persistIndex();
              await warm.close();
            }
            const damaged = damage(built, pick, byte, bit);
            const store = await openEventStore(dir, { watch: false, readOnly: true, cache: cached });
            try {
              const last = store.lastPosition;
              const { lines, holes } = positionsIn(await allChunks(store), 1, last);
              expect(holes).toContain(damaged);
              expect(lines.map((line) => line.position)).not.toContain(damaged);
              // Every position is either a line or a hole, once.
              expect([...lines.map((line) => line.position), ...holes].sort((a, b) => a - b)).toEqual(
                Array.from({ length: last }, (_, i) => i + 1),
              );
              // The damage is known to the store, as `read` would have found it.
              expect(store.health().readOnly).toBe(true);
              if (!cached) {
                // A cold open checked every line: read has exactly the events the chunks hold.
                const read = await readEverything(store);
                expect(read.map((event) => event.position)).toEqual(lines.map((line) => line.position));
              }
            } finally {
              await store.close();
            }
          } finally {
            removeDir(dir);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reports a line the cache vouched for that fails its checksum now, naming segment and line', async () => {
    const dir = tempFolder();
    const built = await buildFolder(dir, {
      segmentSizeLimit: undefined,
      appends: Array.from({ length: 5 }, (_, i) => ({
        stream: `s-${i}`,
        events: [{ type: 'T', data: { text: `event number ${i}` } }],
      })),
    });
    settleTimes(dir);
    const warm = await openEventStore(dir, { watch: false });
    await warm.persistIndex();
    await warm.close();
    const third = built.lines[2]!;
    const file = segmentPath(dir, third.segment);
    const bytes = fs.readFileSync(file);
    // Same length, same JSON shape, different data: only the checksum can tell.
    bytes.write('E', bytes.indexOf('event number 2', third.start));
    rot(file, bytes);

    const store = await openEventStore(dir, { watch: false });
    try {
      expect(store.health().readOnly).toBe(false);
      const chunks = await allChunks(store);
      expect(chunks.flatMap((chunk) => chunk.holes)).toEqual([3]);
      expect(store.health()).toMatchObject({
        readOnly: true,
        problems: [
          {
            segment: third.segment,
            line: 3,
            offset: third.start,
            reason: expect.stringContaining('checksum') as unknown,
          },
        ],
      });
    } finally {
      await store.close();
    }
  });

  it('cuts a long log into chunks of about 2 MiB, each ending with a whole line', async () => {
    const dir = tempFolder();
    const text = 'x'.repeat(100_000);
    await buildFolder(dir, {
      segmentSizeLimit: undefined,
      appends: Array.from({ length: 50 }, (_, i) => ({
        stream: 'big',
        events: [{ type: 'T', data: { i, text } }],
      })),
    });
    const store = await openEventStore(dir, { watch: false, readOnly: true });
    try {
      const chunks = await allChunks(store);
      expect(chunks.length).toBeGreaterThanOrEqual(3);
      for (const chunk of chunks) expect(chunk.bytes.length).toBeLessThanOrEqual(2 * 1024 * 1024 + 120_000);
      expect(positionsIn(chunks, 1, 50).lines).toHaveLength(50);
      // A span from the middle starts at its first position.
      expect(positionsIn(await allChunks(store, 17, 23), 17, 23).lines.map((line) => line.position)).toEqual([
        17, 18, 19, 20, 21, 22, 23,
      ]);
    } finally {
      await store.close();
    }
  });
});
