import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendAll,
  folderWith,
  projections,
  runProjection,
  writeProjection,
  type Sample,
} from './projection-fixture.js';

/** Per stream: a sum of X values, doubled (mod 1000) by each Y, and the revisions that added to it. */
const CODE = `fromAll().partitionBy((e) => e.stream).when({
  $init: () => ({ sum: 0, revisions: [] }),
  X: (s, e) => { s.sum += e.data.v; s.revisions.push(e.revision); },
  Y: (s) => ({ ...s, sum: (s.sum * 2) % 1000 }),
})`;

type Totals = Record<string, { sum: number; revisions: number[] }>;

/** The same fold, by hand. */
function foldByHand(events: readonly Sample[]): Totals {
  const state: Totals = {};
  const revisions: Record<string, number> = {};
  for (const event of events) {
    const revision = revisions[event.stream] ?? 0;
    revisions[event.stream] = revision + 1;
    const current = state[event.stream] ?? { sum: 0, revisions: [] };
    if (event.type === 'X') {
      current.sum += event.data.v as number;
      current.revisions.push(revision);
    } else current.sum = (current.sum * 2) % 1000;
    state[event.stream] = current;
  }
  return state;
}

const sample = fc.record({
  stream: fc.constantFrom('a-1', 'a-2', 'b-1'),
  type: fc.constantFrom('X', 'X', 'Y'),
  data: fc.record({ v: fc.integer({ min: -50, max: 50 }) }),
});

/** The header line of a checkpoint (the state follows it). */
function checkpointOf(folder: string, name: string): { position: number; codeHash: string } {
  const file = path.join(folder, 'cache', 'projections', `${name}.json`);
  const [header] = fs.readFileSync(file, 'utf8').split('\n');
  return JSON.parse(header!) as { position: number; codeHash: string };
}

describe('checkpoints and snapshots', () => {
  it('resuming from any checkpoint gives the state of a full rebuild, and time travel agrees', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sample, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        async (events, cut, snapshotEvery, probe) => {
          const split = cut % (events.length + 1);
          const store = await folderWith(events.slice(0, split));
          const first = await runProjection(store, 'totals', CODE, { snapshotEvery });
          await first.caughtUp();
          await first.close();
          // An empty log leaves nothing to checkpoint.
          if (split > 0) expect(checkpointOf(store.folder, 'totals').position).toBe(split);

          await appendAll(store, events.slice(split));
          const resumed = await projections.ProjectionRunner.start(
            store,
            await projections.userCode(path.join(store.folder, 'projections', 'totals.js'), store.folder),
            { snapshotEvery },
          );
          try {
            expect(resumed.describe().position).toBe(split);
            await resumed.caughtUp();
            expect(await resumed.stateAt(events.length)).toEqual(foldByHand(events));
            const at = probe % (events.length + 1);
            expect(await resumed.stateAt(at)).toEqual(foldByHand(events.slice(0, at)));
          } finally {
            await resumed.close();
          }
          const rebuilt = await runProjection(store, 'rebuilt', CODE, { snapshotEvery: 1000 });
          await rebuilt.caughtUp();
          expect(await rebuilt.stateAt(events.length)).toEqual(foldByHand(events));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('keeps snapshots every N events, at most the maximum, thinning to a doubled spacing', async () => {
    const events = Array.from({ length: 50 }, (_, i): Sample => ({
      stream: 'a-1',
      type: 'X',
      data: { v: i },
    }));
    const store = await folderWith(events);
    const runner = await runProjection(store, 'totals', CODE, { snapshotEvery: 4, maxSnapshots: 5 });
    await runner.caughtUp();
    await runner.close();
    const snapshots = fs
      .readdirSync(path.join(store.folder, 'cache', 'projections', 'totals.snapshots'))
      .sort();
    // 4 … 24 are six: spacing 8 keeps 8, 16, 24; then 32, 40, 48 make six again: spacing 16 keeps 16, 32, 48.
    expect(snapshots).toEqual(['000000000016.json', '000000000032.json', '000000000048.json']);
  });

  it('a checkpoint or snapshot of other code is stale: the new code rebuilds from the first event', async () => {
    const events = Array.from({ length: 12 }, (_, i): Sample => ({
      stream: 'a-1',
      type: 'X',
      data: { v: i },
    }));
    const store = await folderWith(events);
    const old = await runProjection(
      store,
      'count',
      `fromAll().when({ $init: () => 0, $any: (s) => s + 1 })`,
      {
        snapshotEvery: 3,
      },
    );
    await old.caughtUp();
    await old.close();
    const oldHash = checkpointOf(store.folder, 'count').codeHash;

    const changed = await runProjection(
      store,
      'count',
      `fromAll().when({ $init: () => 100, $any: (s) => s + 2 })`,
      {
        snapshotEvery: 3,
      },
    );
    await changed.caughtUp();
    expect(await changed.stateAt(12)).toBe(124);
    expect(await changed.stateAt(7)).toBe(114);
    await changed.close();
    const checkpoint = checkpointOf(store.folder, 'count');
    expect(checkpoint.codeHash).not.toBe(oldHash);
    const snapshotDir = path.join(store.folder, 'cache', 'projections', 'count.snapshots');
    for (const name of fs.readdirSync(snapshotDir)) {
      const snapshot = JSON.parse(fs.readFileSync(path.join(snapshotDir, name), 'utf8')) as {
        codeHash: string;
      };
      expect(snapshot.codeHash).toBe(checkpoint.codeHash);
    }
  });

  it('a checkpoint whose event is not in the log any more (a different log) is rebuilt', async () => {
    const store = await folderWith([{ stream: 'a-1', type: 'X', data: { v: 1 } }]);
    const file = writeProjection(
      store.folder,
      'count',
      `fromAll().when({ $init: () => 0, $any: (s) => s + 1 })`,
    );
    const checkpointFile = path.join(store.folder, 'cache', 'projections', 'count.json');
    const first = await projections.ProjectionRunner.start(
      store,
      await projections.userCode(file, store.folder),
    );
    await first.caughtUp();
    await first.close();
    const header = checkpointOf(store.folder, 'count');
    fs.writeFileSync(
      checkpointFile,
      `${JSON.stringify({ ...header, eventId: 'someone-else', stateBytes: 2 })}\n41`,
    );
    const again = await projections.ProjectionRunner.start(
      store,
      await projections.userCode(file, store.folder),
    );
    try {
      await again.caughtUp();
      expect(await again.stateAt(1)).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('resumes from a checkpoint in the format 1 layout, and writes it again with its header on a line of its own', async () => {
    const store = await folderWith([
      { stream: 'a-1', type: 'X', data: { v: 1 } },
      { stream: 'a-2', type: 'X', data: { v: 2 } },
    ]);
    const file = writeProjection(
      store.folder,
      'count',
      `fromAll().when({ $init: () => 0, $any: (s) => s + 1 })`,
    );
    const code = await projections.userCode(file, store.folder);
    const checkpointFile = path.join(store.folder, 'cache', 'projections', 'count.json');
    const [first] = await store.readPositions([1]);
    const fault = { position: 2, error: 'Error: boom' };
    // As format 1 wrote it: one object, the state inside. 40 is no count of one event, so a state of 40
    // can only come from this file.
    fs.mkdirSync(path.dirname(checkpointFile), { recursive: true });
    fs.writeFileSync(
      checkpointFile,
      JSON.stringify({
        format: 1,
        projection: 'count',
        codeHash: code.hash,
        position: 1,
        eventId: first!.id,
        state: 40,
        skipped: [],
        fault,
        snapshotEvery: 1000,
      }),
    );
    const runner = await projections.ProjectionRunner.start(store, code);
    try {
      expect(runner.describe()).toMatchObject({ status: 'faulted', position: 1, fault });
      expect(await runner.stateAt(1)).toBe(40);
      // Rewritten on loading, not only when it folds on: a faulted projection may stay put for a long time.
      expect(checkpointOf(store.folder, 'count')).toMatchObject({ format: 2, position: 1, fault });
      expect(fs.readFileSync(checkpointFile, 'utf8').split('\n')[1]).toBe('40');
    } finally {
      await runner.close();
    }
  });

  it('reads across many segments and seeks inside large ones (binary search over line starts)', async () => {
    const events = Array.from({ length: 3000 }, (_, i): Sample => ({
      stream: `a-${i % 7}`,
      type: i % 5 === 0 ? 'Y' : 'X',
      data: { v: i % 13 },
    }));
    for (const segmentSizeLimit of [4 * 1024, 256 * 1024]) {
      const store = await folderWith(events, { segmentSizeLimit });
      const segments = fs
        .readdirSync(path.join(store.folder, 'log'))
        .filter((name) => name.endsWith('.jsonl'));
      expect(segments.length).toBeGreaterThan(2);
      const runner = await runProjection(store, 'totals', CODE, { snapshotEvery: 1000 });
      await runner.caughtUp();
      expect(await runner.stateAt(3000)).toEqual(foldByHand(events));
      for (const at of [1, 999, 1000, 1001, 1777, 2500, 2999]) {
        expect(await runner.stateAt(at), `at ${at}`).toEqual(foldByHand(events.slice(0, at)));
      }
      await runner.close();
    }
  });
});
