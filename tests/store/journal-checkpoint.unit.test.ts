import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initEventFolder, openEventStore, verifyEventFolder } from '../../electron/store/index.js';
import {
  copyAsOnDisk,
  journaledLines,
  JOURNAL,
  lastSegment,
  lineStarts,
  loseLastLines,
  readJournal,
} from './journal-folders.js';
import { readEverything } from './read-everything.js';
import { useTempFolders } from './temp-folders.js';

const JOURNAL_BYTES = 64 * 1024;
const tempDir = useTempFolders('eventfold-journal-checkpoint-');

/** An event whose line is some 300 bytes, so that a 64 KiB journal holds about 200 of them. */
const payload = (i: number): { type: string; data: { i: number; text: string } } => ({
  type: 'Noted',
  data: { i, text: 'x'.repeat(200) },
});

describe('journal checkpoints', () => {
  it('reuse a small journal many times over: generations go up, the file stays its size, and every event survives', async () => {
    const dir = tempDir();
    await initEventFolder(dir);
    const store = await openEventStore(dir, { watch: false, journalBytes: JOURNAL_BYTES });
    const generations = new Set<number>();
    try {
      for (let i = 0; i < 700; i++) {
        await store.appendToStream(`note-${i % 5}`, [payload(i)]);
        if (i % 50 === 0) generations.add(readJournal(dir).generation);
      }
      expect(fs.statSync(path.join(dir, JOURNAL)).size).toBe(JOURNAL_BYTES);
    } finally {
      await store.close();
    }
    // 700 lines of ~300 bytes fill a 64 KiB journal three times at least.
    expect(generations.size).toBeGreaterThanOrEqual(3);
    expect([...generations]).toEqual([...generations].sort((a, b) => a - b));

    const reopened = await openEventStore(dir, { watch: false });
    try {
      const events = await readEverything(reopened);
      expect(events.map((event) => event.position)).toEqual(Array.from({ length: 700 }, (_, i) => i + 1));
      expect(events.map((event) => (event.data as { i: number }).i)).toEqual(
        Array.from({ length: 700 }, (_, i) => i),
      );
    } finally {
      await reopened.close();
    }
    expect((await verifyEventFolder(dir)).sound).toBe(true);
  });

  it('write back only the current generation after a loss; records of earlier ones are ignored', async () => {
    const dir = tempDir();
    const copy = tempDir();
    await initEventFolder(dir);
    const store = await openEventStore(dir, { watch: false, journalBytes: JOURNAL_BYTES });
    let appended = 0;
    try {
      // Past a checkpoint made because the journal was full, a few records into the next generation.
      await store.appendToStream('note-1', [payload(appended++)]);
      const started = readJournal(dir).generation;
      for (;;) {
        await store.appendToStream('note-1', [payload(appended++)]);
        const journal = readJournal(dir);
        if (journal.generation > started && journal.records.length === 5) break;
      }
      copyAsOnDisk(dir, copy);
    } finally {
      await store.close();
    }
    expect(journaledLines(copy)).toBe(5);

    // What a loss can take is what the current generation holds; it all comes back.
    const segment = lastSegment(copy);
    const intact = fs.readFileSync(segment);
    loseLastLines(segment, 5, 'zeros', 0);
    const reopened = await openEventStore(copy, { watch: false });
    try {
      expect(reopened.health().problems).toEqual([]);
      expect(reopened.lastPosition).toBe(appended);
    } finally {
      await reopened.close();
    }
    expect(fs.readFileSync(segment).equals(intact)).toBe(true);

    // Closing retired every record, yet the file still holds them with valid checksums; lines cut from the
    // log after that (by hand, or damage) are not put back from them.
    const { generation, records } = readJournal(dir);
    expect(records).toEqual([]);
    expect(readJournal(dir, generation - 1).records.length).toBeGreaterThan(0);
    const original = lastSegment(dir);
    loseLastLines(original, 20, 'truncate', 0);
    const edited = await openEventStore(dir, { watch: false });
    try {
      expect(edited.lastPosition).toBe(appended - 20);
      expect(edited.health().problems).toEqual([]);
    } finally {
      await edited.close();
    }
    expect((await verifyEventFolder(dir)).sound).toBe(true);
  });

  it('leave lines synced before the current generation to the log: if those are gone, it is reported', async () => {
    const dir = tempDir();
    const copy = tempDir();
    await initEventFolder(dir);
    const first = await openEventStore(dir, { watch: false, journalBytes: JOURNAL_BYTES });
    for (let i = 0; i < 20; i++) await first.appendToStream('note-1', [payload(i)]);
    await first.close();
    const store = await openEventStore(dir, { watch: false, journalBytes: JOURNAL_BYTES });
    try {
      for (let i = 20; i < 30; i++) await store.appendToStream('note-1', [payload(i)]);
      copyAsOnDisk(dir, copy);
    } finally {
      await store.close();
    }
    const segment = lastSegment(copy);
    const starts = lineStarts(segment);
    expect(readJournal(copy).records[0]?.offset).toBe(starts[20]);
    // Damage no power loss can do: the synced lines 16..20 are gone too. Writing the journaled lines back
    // would leave a gap before them, so nothing is written and the folder is read-only, with the reason.
    fs.truncateSync(segment, starts[15]);
    const damaged = await openEventStore(copy, { watch: false });
    try {
      expect(damaged.lastPosition).toBe(15);
      const problems = damaged.health().problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ offset: starts[20], line: 16 });
      expect(problems[0]?.reason).toMatch(/journal\.bin holds an acknowledged append.*ends at byte/);
      await expect(damaged.appendToStream('note-1', [payload(0)])).rejects.toMatchObject({
        code: 'ReadOnly',
      });
    } finally {
      await damaged.close();
    }
    expect(fs.statSync(segment).size).toBe(starts[15]);
    const report = await verifyEventFolder(copy);
    expect(report.sound).toBe(false);
    expect(report.problems.map((problem) => problem.reason).join('\n')).toMatch(/journal\.bin/);
  });

  it('happen before a segment is sealed, so records only ever point into the last segment', async () => {
    const dir = tempDir();
    await initEventFolder(dir, { segmentSizeLimit: 4096 });
    const store = await openEventStore(dir, { watch: false, journalBytes: JOURNAL_BYTES });
    try {
      for (let i = 0; i < 60; i++) {
        await store.appendToStream('note-1', [payload(i)]);
        const segment = path.basename(lastSegment(dir));
        for (const record of readJournal(dir).records) expect(record.segment).toBe(segment);
      }
      expect(
        fs.readdirSync(path.join(dir, 'log')).filter((name) => name.endsWith('.seal.json')).length,
      ).toBeGreaterThan(2);
    } finally {
      await store.close();
    }
    expect((await verifyEventFolder(dir)).sound).toBe(true);
  });

  it('are not needed by batched and none: they write no journal', async () => {
    for (const durability of ['batched', 'none'] as const) {
      const dir = tempDir();
      await initEventFolder(dir);
      const store = await openEventStore(dir, { watch: false, durability });
      await store.appendToStream('note-1', [payload(1)]);
      await store.close();
      expect(fs.existsSync(path.join(dir, JOURNAL))).toBe(false);
    }
  });

  it('leave large writes to the segment, synced there, and both kinds survive a loss', async () => {
    for (const { journalBytes, events } of [
      // ~30 KiB in one append: more than the 4 KiB of records an 8 KiB journal holds.
      { journalBytes: 8192, events: 100 },
      // ~250 KiB: over the 160 KiB above which writing the bytes twice costs more than a synced growth.
      { journalBytes: undefined, events: 850 },
    ]) {
      const dir = tempDir();
      const copy = tempDir();
      await initEventFolder(dir);
      const store = await openEventStore(dir, { watch: false, journalBytes });
      let acknowledged;
      try {
        await store.appendToStream('note-1', [payload(0)]);
        const before = readJournal(dir).generation;
        await store.appendToStream(
          'note-2',
          Array.from({ length: events }, (_, i) => payload(i)),
        );
        // Synced in place, then a checkpoint: the journal starts over from the segment's new end.
        expect(readJournal(dir)).toEqual({ generation: before + 1, records: [] });
        await store.appendToStream('note-3', [payload(1)]);
        acknowledged = await readEverything(store);
        copyAsOnDisk(dir, copy);
      } finally {
        await store.close();
      }
      expect(journaledLines(copy)).toBe(1);
      loseLastLines(lastSegment(copy), 1, 'truncate', 0);
      const reopened = await openEventStore(copy, { watch: false });
      try {
        expect(await readEverything(reopened)).toEqual(acknowledged);
      } finally {
        await reopened.close();
      }
    }
  });
  it('after large appends with no record to retire, sync them in place only; a small append after them still survives a loss', async () => {
    const dir = tempDir();
    const copy = tempDir();
    await initEventFolder(dir);
    const store = await openEventStore(dir, { watch: false });
    let acknowledged;
    try {
      // ~250 KiB each, over the 160 KiB above which an append is synced in its segment.
      const large = (stream: string): Promise<unknown> =>
        store.appendToStream(
          stream,
          Array.from({ length: 850 }, (_, i) => payload(i)),
        );
      await store.appendToStream('note-0', [payload(0)]);
      await large('note-1');
      const after = readJournal(dir).generation;
      await large('note-2');
      await large('note-3');
      // Nothing was journaled since the checkpoint: no header rewrite (no new generation) for these.
      expect(readJournal(dir)).toEqual({ generation: after, records: [] });
      await store.appendToStream('note-4', [payload(1)]);
      expect(readJournal(dir).generation).toBe(after);
      acknowledged = await readEverything(store);
      copyAsOnDisk(dir, copy);
    } finally {
      await store.close();
    }
    expect(journaledLines(copy)).toBe(1);
    loseLastLines(lastSegment(copy), 1, 'truncate', 0);
    const reopened = await openEventStore(copy, { watch: false });
    try {
      expect(await readEverything(reopened)).toEqual(acknowledged);
    } finally {
      await reopened.close();
    }
    expect((await verifyEventFolder(copy)).sound).toBe(true);
  });
});
