import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compiledSession,
  folderWith,
  later,
  projections,
  store as stores,
  writeProjection,
} from './projection-fixture.js';

const SUM = `fromAll().when({ $init: () => ({ sum: 0, seen: [] }), $any: (s, e) => ({ sum: s.sum + e.data.n, seen: [...s.seen, e.position] }) })`;

/** A closed folder of ten events (data.n = position), with lines damaged as given; returns its path. */
async function damagedFolder(damage: Record<number, (line: string) => string>): Promise<string> {
  const opened = await folderWith(
    Array.from({ length: 10 }, (_, i) => ({ stream: `s-${i % 3}`, type: 'T', data: { n: i + 1 } })),
  );
  const folder = opened.folder;
  await opened.close();
  const [segment] = fs.readdirSync(path.join(folder, 'log')).filter((name) => name.endsWith('.jsonl'));
  const file = path.join(folder, 'log', segment!);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (const [position, change] of Object.entries(damage)) {
    const index = Number(position) - 1;
    lines[index] = change(lines[index]!);
  }
  fs.writeFileSync(file, lines.join('\n'));
  return folder;
}

/** The data changed in place: the line is still JSON, only its checksum can tell. */
const bitRot = (line: string): string =>
  line.replace(/"n":(\d+)/, (_, n: string) => `"n":${Number(n) + 1000}`);
/** The line is no longer JSON at all. */
const garbage = (line: string): string => `#${'~'.repeat(line.length - 1)}`;

describe('projections see what read sees', () => {
  it('pass over damaged lines as holes, list them, and keep folding in the read-only folder', async () => {
    const folder = await damagedFolder({ 4: bitRot, 7: garbage });
    const opened = await stores.openEventStore(folder, { watch: false });
    later(() => opened.close());
    expect(opened.health().readOnly).toBe(true);
    const read = await opened.readAll({ limit: 100 });
    expect(read.events.map((event) => event.position)).toEqual([1, 2, 3, 5, 6, 8, 9, 10]);

    const file = writeProjection(folder, 'sum', SUM);
    const runner = await projections.ProjectionRunner.start(opened, await projections.userCode(file, folder));
    const status = await runner.caughtUp();
    expect(status).toMatchObject({
      status: 'running',
      position: 10,
      fault: null,
      holes: { count: 2, positions: [4, 7] },
    });
    expect(await runner.stateAt(10)).toEqual({ sum: 55 - 4 - 7, seen: [1, 2, 3, 5, 6, 8, 9, 10] });
    expect(await runner.stateAt(5)).toEqual({ sum: 1 + 2 + 3 + 5, seen: [1, 2, 3, 5] });
    expect(await runner.around(4)).toEqual({
      before: { sum: 6, seen: [1, 2, 3] },
      after: { sum: 6, seen: [1, 2, 3] },
    });
    await runner.close();

    // The checkpoint keeps them: a restart from it lists them without folding the log again.
    const again = await projections.ProjectionRunner.start(opened, await projections.userCode(file, folder));
    later(() => again.close());
    expect((await again.caughtUp()).holes).toEqual({ count: 2, positions: [4, 7] });
  });

  it('a line the index cache vouched for that fails its checksum now is a hole, and reported as damage', async () => {
    const opened = await folderWith(
      Array.from({ length: 6 }, (_, i) => ({ stream: 's', type: 'T', data: { n: i + 1 } })),
    );
    const folder = opened.folder;
    await opened.close();
    const [segment] = fs.readdirSync(path.join(folder, 'log')).filter((name) => name.endsWith('.jsonl'));
    const file = path.join(folder, 'log', segment!);
    // A modification time that can be put back exactly, as bit rot leaves it.
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    const warm = await stores.openEventStore(folder, { watch: false });
    await warm.persistIndex();
    await warm.close();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // One digit for another: the same length, so only the checksum can tell.
    lines[2] = lines[2]!.replace('"n":3', '"n":8');
    fs.writeFileSync(file, lines.join('\n'));
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);

    const window = compiledSession();
    await window.call('folder.open', { path: folder });
    expect((await window.call('folder.current', undefined))?.readOnly).toBe(false);
    const answer = await window.call('projection.state', { name: 'stream-statistics' });
    expect(answer).toMatchObject({ position: 6, state: { events: 5 } });
    const listed = (await window.call('projections.list', undefined)).find(
      (item) => item.name === 'stream-statistics',
    );
    expect(listed?.holes).toEqual({ count: 1, positions: [3] });
    // Found while the projection read the log: the folder is read-only now, naming the line, as `read` would.
    expect(await window.call('folder.current', undefined)).toMatchObject({
      readOnly: true,
      health: { condition: 'corrupt', problems: [{ segment, line: 3 }] },
    });
  });
});
