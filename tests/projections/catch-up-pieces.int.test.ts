import { describe, expect, it } from 'vitest';
import { appendAll, folderWith, runProjection, type Sample } from './projection-fixture.js';

// A catch-up folds the log in pieces (one a snapshot) while the host reads the lines ahead of the piece
// being folded: these check that no event is folded twice or lost at a piece's edge, after a fault and a
// skip, or when appends come after lines were read ahead.
const NOTES = ['plain', 'café ☕', 'naïve 日本'];
const events = (from: number, count: number): Sample[] =>
  Array.from({ length: count }, (_, i) => ({
    stream: `s-${(from + i) % 3}`,
    type: 'Noted',
    data: { n: from + i, note: NOTES[(from + i) % NOTES.length]! },
  }));

const COLLECT = `fromAll().when({
  $init: () => ({ seen: [], notes: {} }),
  Noted: (s, e) => {
    if (e.data.n === 23) throw new Error('not this one');
    s.seen.push(e.position);
    s.notes[e.data.note] = (s.notes[e.data.note] || 0) + 1;
  },
})`;

const positions = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a catch-up in snapshot pieces, its lines read ahead', () => {
  it('folds every event once across pieces, a fault, a skip and later appends', async () => {
    const store = await folderWith(events(0, 40));
    const runner = await runProjection(store, 'collect', COLLECT, { snapshotEvery: 5 });
    const faulted = await runner.caughtUp();
    // n = 23 is position 24.
    expect(faulted).toMatchObject({ status: 'faulted', fault: { position: 24 } });
    expect(await runner.stateAt(20)).toEqual({
      seen: positions(1, 20),
      notes: { plain: 7, 'café ☕': 7, 'naïve 日本': 6 },
    });
    await runner.skip(24);
    const caught = await runner.caughtUp();
    expect(caught).toMatchObject({ status: 'running', position: 40, fault: null });
    const expected = positions(1, 40).filter((position) => position !== 24);
    expect(await runner.stateAt(40)).toMatchObject({ seen: expected });
    await appendAll(store, events(40, 12));
    await runner.caughtUp();
    expect(await runner.stateAt(52)).toEqual({
      seen: [...expected, ...positions(41, 52)],
      notes: { plain: 18, 'café ☕': 17, 'naïve 日本': 16 },
    });
    expect(await runner.stateAt(33)).toMatchObject({ seen: expected.filter((position) => position <= 33) });
  });

  it('folds every event once when the first chunk is sent in two frames (its first lines, then the rest)', async () => {
    // 400 events of some 2.5 KB: about 1 MB of lines, one chunk, split after its first 128 KB.
    const large = events(0, 400).map((event, i) => ({
      ...event,
      data: { ...event.data, padding: `${i}`.padStart(2_500, '.') },
    }));
    const store = await folderWith(large);
    const runner = await runProjection(store, 'collect', COLLECT.replace('e.data.n === 23', 'false'), {
      snapshotEvery: 30,
    });
    expect(await runner.caughtUp()).toMatchObject({ status: 'running', position: 400, fault: null });
    expect(await runner.stateAt(400)).toMatchObject({ seen: positions(1, 400) });
    expect(await runner.stateAt(75)).toMatchObject({ seen: positions(1, 75) });
  });
});
