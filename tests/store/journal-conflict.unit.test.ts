import fs from 'node:fs';
import { expect, it } from 'vitest';
import { openEventStore, verifyEventFolder } from '../../electron/store/index.js';
import { journalConflict, lastSegment, lineStarts } from './journal-folders.js';
import { readEverything } from './read-everything.js';
import { useTempFolders } from './temp-folders.js';

const tempDir = useTempFolders('eventfold-journal-conflict-');

/**
 * After a power loss, a program that appends without replaying the journal writes its own lines where
 * the journaled ones belong. Eventfold must notice, change nothing, and say so; repair keeps the journaled
 * lines aside.
 */
it('a journaled append whose place holds other lines is reported, never written over them, and repair keeps it aside', async () => {
  const lost = tempDir();
  const { journaledLines } = await journalConflict({ original: tempDir(), lost, foreign: tempDir() });
  const segmentBefore = fs.readFileSync(lastSegment(lost));

  const report = await verifyEventFolder(lost);
  expect(report.sound).toBe(false);
  expect(report.journaledEvents).toBe(0);
  expect(report.problems).toHaveLength(1);
  expect(report.problems[0]).toMatchObject({ line: 8, offset: lineStarts(lastSegment(lost))[7] });
  expect(report.problems[0]?.reason).toMatch(/journal\.bin holds an acknowledged append.*other bytes/);

  const opened = await openEventStore(lost, { watch: false });
  try {
    const health = opened.health();
    expect(health.readOnly).toBe(true);
    expect(health.problems).toHaveLength(1);
    expect(health.problems[0]?.reason).toMatch(/3 journaled events \(3 appends\) were not written back/);
    expect((await readEverything(opened)).slice(7).map((event) => event.stream)).toEqual([
      'intruder-1',
      'intruder-1',
      'intruder-1',
    ]);
    await expect(opened.appendToStream('account-1', [{ type: 'Deposited' }])).rejects.toMatchObject({
      code: 'ReadOnly',
      message: expect.stringMatching(/journal\.bin/) as unknown,
    });
    expect(fs.readFileSync(lastSegment(lost)).equals(segmentBefore)).toBe(true);

    const repair = await opened.repair();
    expect(repair).toMatchObject({ repaired: true, bytesCut: 0 });
    expect(repair.message).toMatch(/Kept 3 journaled events/);
    expect(fs.readFileSync(repair.keptIn!).equals(journaledLines)).toBe(true);
    expect(opened.health()).toMatchObject({ readOnly: false, problems: [] });
    expect((await opened.appendToStream('account-1', [{ type: 'Deposited' }])).firstPosition).toBe(11);
  } finally {
    await opened.close();
  }
  expect(fs.readFileSync(lastSegment(lost)).subarray(0, segmentBefore.length).equals(segmentBefore)).toBe(
    true,
  );
  expect((await verifyEventFolder(lost)).sound).toBe(true);
});
