import { describe, expect, it } from 'vitest';
import { folderWith, runProjection, type Sample } from './projection-fixture.js';

/** Five events; the third is where the bombs go off. */
const EVENTS: Sample[] = [1, 2, 3, 4, 5].map((n) => ({
  stream: `item-${n}`,
  type: n === 3 ? 'Trigger' : 'Tick',
  data: { n },
}));

const atTrigger = (body: string): string =>
  `fromAll().when({ $init: () => ({ n: 0 }), $any: (s, e) => { if (e.type === 'Trigger') { ${body} } s.n++; return s; } })`;

/** No time limit in the way: what stops these is the memory limit (a loaded machine is slow to fill memory). */
const NO_TIME_LIMIT = { eventTimeoutMs: 120_000 };

describe('the memory limit counts everything a projection holds', () => {
  it.each([
    ['the V8 heap (arrays)', 'const all = []; for (;;) all.push(new Array(1e6).fill(e.position));'],
    [
      'strings',
      `const all = []; const text = 'x'.repeat(1 << 22); for (;;) all.push((text + all.length).toUpperCase());`,
    ],
    ['ArrayBuffers', 'const all = []; for (;;) all.push(new ArrayBuffer(1 << 24));'],
    ['typed arrays, filled', 'const all = []; for (;;) all.push(new Float64Array(1 << 21).fill(1));'],
    // One builtin call the vm cannot interrupt: the process is stopped, and folding again names the event.
    ['one array too large for the heap', 's.big = new Array(2e8).fill(0);'],
  ])('%s: faulted at the event, the projection travels in time before it', async (_, bomb) => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(store, 'bomb', atTrigger(bomb), { ...NO_TIME_LIMIT, memoryMb: 96 });
    const status = await runner.caughtUp();
    expect(status.status).toBe('faulted');
    expect(status.fault).toEqual({
      position: 3,
      error: expect.stringMatching(/^the projection ran out of memory/) as unknown,
    });
    expect(await runner.stateAt(2)).toEqual({ n: 2 });
    // Skipping it goes on past it, in a new process.
    await runner.skip(3);
    expect(await runner.stateAt(5)).toEqual({ n: 4 });
  });

  it('a state too large to send back faults its projection with its size, and the host goes on', async () => {
    const store = await folderWith(EVENTS);
    // 60 million characters referenced four times: some 60 MB held, a 229 MB state.
    const runner = await runProjection(
      store,
      'huge',
      atTrigger(`const text = 'x'.repeat(60e6); s.a = text; s.b = text; s.c = text; s.d = text;`),
      { ...NO_TIME_LIMIT, memoryMb: 1024 },
    );
    await runner.caughtUp();
    await expect(runner.stateAt(5)).rejects.toMatchObject({
      position: 5,
      reason: 'the state is 229 MB; a state may be at most 64 MB',
    });
    expect(await runner.stateAt(2)).toEqual({ n: 2 });
    const healthy = await runProjection(store, 'healthy', atTrigger(''));
    expect(await healthy.stateAt(5)).toEqual({ n: 5 });
  });

  it('a state too large at a snapshot of the catch-up (sent with its piece) faults there, with its size', async () => {
    const store = await folderWith(EVENTS);
    const runner = await runProjection(store, 'big', atTrigger(`s.big = 'x'.repeat(2e6);`), {
      maxStateMb: 1,
      snapshotEvery: 4,
    });
    const status = await runner.caughtUp();
    expect(status).toMatchObject({
      status: 'faulted',
      fault: { position: 4, error: 'the state is 1.9 MB; a state may be at most 1 MB' },
    });
    expect(await runner.stateAt(2)).toEqual({ n: 2 });
  });
});
