import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import { initEventFolder, openEventStore, verifyEventFolder } from '../../electron/store/index.js';
import { eventType, jsonData, streamId } from './event-arbitraries.js';
import {
  copyAsOnDisk,
  journaledLines,
  JOURNAL,
  lastSegment,
  lineStarts,
  loseLastLines,
  readJournal,
  type Loss,
} from './journal-folders.js';
import { readEverything } from './read-everything.js';
import { makeTempDir, removeDir } from './temp-folders.js';

/**
 * Durable appends are acknowledged once their journal record is on disk, while the segment may still be
 * in the page cache. A power loss is simulated on a copy of the folder taken right after the
 * acknowledgements: the last segment loses what the page cache held. Reopening must bring every
 * acknowledged event back.
 */

const appendArb = fc.record({
  stream: streamId,
  events: fc.array(fc.record({ type: eventType, data: jsonData }), { minLength: 1, maxLength: 3 }),
});

const losses: Loss[] = ['truncate', 'truncate-inside-line', 'zeros', 'zeros-inside-line', 'zeros-hole'];

function comparable(events: RecordedEvent[]): unknown[] {
  return events.map(({ position, stream, revision, id, type, data, meta }) => ({
    position,
    stream,
    revision,
    id,
    type,
    data,
    meta,
  }));
}

describe('a power loss after durable appends', () => {
  it(
    'takes no acknowledged event: reopening writes back what the segment lost, and the folder is sound',
    { timeout: 180_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            segmentSizeLimit: fc.constantFrom(2048, 16_384, undefined),
            journalBytes: fc.constantFrom(8192, 65_536, undefined),
            before: fc.array(appendArb, { maxLength: 6 }),
            after: fc.array(appendArb, { minLength: 1, maxLength: 14 }),
            loss: fc.constantFrom(...losses),
            lost: fc.nat(),
            cut: fc.nat(),
          }),
          async (run) => {
            const dir = makeTempDir('eventfold-journal-');
            const copy = makeTempDir('eventfold-journal-copy-');
            try {
              await initEventFolder(
                dir,
                run.segmentSizeLimit === undefined ? {} : { segmentSizeLimit: run.segmentSizeLimit },
              );
              const options = { watch: false, durability: 'always' as const, journalBytes: run.journalBytes };
              const first = await openEventStore(dir, options);
              for (const append of run.before) await first.appendToStream(append.stream, append.events);
              await first.close();

              const store = await openEventStore(dir, options);
              let acknowledged: RecordedEvent[];
              try {
                for (const append of run.after) await store.appendToStream(append.stream, append.events);
                acknowledged = await readEverything(store);
                copyAsOnDisk(dir, copy);
              } finally {
                await store.close();
              }
              const lines = run.lost % (journaledLines(copy) + 1);
              loseLastLines(lastSegment(copy), lines, run.loss, run.cut);

              // Before anything replays the journal, verify (read-only) says what is missing.
              const before = await verifyEventFolder(copy);
              if (lines > 0) {
                expect(before.sound).toBe(false);
                expect(before.problems.map((problem) => problem.reason).join('\n')).toMatch(
                  /journaled events? not yet in the log/,
                );
              }
              // Whole appends are written back, so an append that lost one of its lines counts in full; a
              // hole takes one line and a little of the next.
              expect(before.journaledEvents > 0).toBe(lines > 0);
              expect(before.journaledEvents).toBeGreaterThanOrEqual(
                run.loss === 'zeros-hole' ? Math.min(lines, 1) : lines,
              );

              const reopened = await openEventStore(copy, { watch: false });
              try {
                expect(reopened.health().problems).toEqual([]);
                expect(reopened.health().tail).toBeUndefined();
                expect(comparable(await readEverything(reopened))).toEqual(comparable(acknowledged));
                const next = await reopened.appendToStream('after-the-loss', [{ type: 'Checked' }]);
                expect(next.firstPosition).toBe(acknowledged.length + 1);
              } finally {
                await reopened.close();
              }
              const report = await verifyEventFolder(copy);
              expect(report.problems).toEqual([]);
              expect(report.sound).toBe(true);
              expect(report.events).toBe(acknowledged.length + 1);
            } finally {
              removeDir(dir);
              removeDir(copy);
            }
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('journals every line appended since the last checkpoint, in one preallocated file that never grows', async () => {
    const dir = makeTempDir('eventfold-journal-');
    const copy = makeTempDir('eventfold-journal-copy-');
    try {
      await initEventFolder(dir);
      const store = await openEventStore(dir, { watch: false });
      try {
        await store.appendToStream('seed-1', [{ type: 'Seeded' }]);
        expect(fs.statSync(path.join(dir, JOURNAL)).size).toBe(4 * 1024 * 1024);
        for (let i = 0; i < 40; i++)
          await store.appendToStream(`order-${i % 3}`, [{ type: 'Placed', data: { i } }]);
        expect(fs.statSync(path.join(dir, JOURNAL)).size).toBe(4 * 1024 * 1024);
        copyAsOnDisk(dir, copy);
      } finally {
        await store.close();
      }
      // Each append is one record holding exactly the bytes of its line, at the line's offset.
      const segment = lastSegment(copy);
      const bytes = fs.readFileSync(segment);
      const starts = lineStarts(segment);
      const { records } = readJournal(copy);
      expect(records).toHaveLength(41);
      records.forEach((record, i) => {
        expect(record.segment).toBe(path.basename(segment));
        expect(record.offset).toBe(starts[i]);
        expect(record.bytes.equals(bytes.subarray(starts[i], starts[i + 1]))).toBe(true);
      });
      // Closing synced the segment and retired the records (a new generation).
      expect(readJournal(dir).records).toEqual([]);
      expect(readJournal(dir).generation).toBe(readJournal(copy).generation + 1);

      // The whole segment lost: everything comes back from the journal.
      fs.truncateSync(segment, 0);
      const reopened = await openEventStore(copy, { watch: false });
      try {
        expect(reopened.lastPosition).toBe(41);
        expect(reopened.health().problems).toEqual([]);
      } finally {
        await reopened.close();
      }
      expect(fs.readFileSync(segment).equals(bytes)).toBe(true);
    } finally {
      removeDir(dir);
      removeDir(copy);
    }
  });
});
