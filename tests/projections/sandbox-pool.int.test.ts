import { describe, expect, it } from 'vitest';
import type * as Projections from '../../electron/projections/index.js';
import { folderWith, later, projections, type Sample } from './projection-fixture.js';

const EVENTS: Sample[] = Array.from({ length: 20 }, (_, i) => ({
  stream: `item-${i % 4}`,
  type: 'Counted',
  data: { n: i },
}));

const STATISTICS = { kind: 'builtin', name: 'stream-statistics' } as const;

/** A pool of real sandbox processes with a spare, counting the processes it starts. */
function countingPool(): { pool: Projections.SandboxPool; started: () => number } {
  let started = 0;
  const pool = new projections.SandboxPool(
    (args) => {
      started++;
      return projections.nodeSpawner(args);
    },
    { spare: true },
  );
  later(() => pool.close());
  return { pool, started: () => started };
}

describe('the sandbox pool and its spare', () => {
  it('starts the spare once the taken process has no work, not while it folds, and hands it to the next take', async () => {
    const store = await folderWith(EVENTS);
    const { pool, started } = countingPool();
    const first = await projections.ProjectionProcess.start('first', store, STATISTICS, { sandbox: pool });
    later(() => first.terminate());
    // Loaded, about to fold: no spare competes with it yet.
    expect(started()).toBe(1);
    await first.reset('live', null, 0);
    const folding = first.fold('live', 10);
    expect(started()).toBe(1);
    expect(await folding).toMatchObject({ position: 10 });

    // Idle now: the spare starts, and the next projection takes it instead of starting a process.
    await pool.spareReady();
    expect(started()).toBe(2);
    const second = await projections.ProjectionProcess.start('second', store, STATISTICS, { sandbox: pool });
    later(() => second.terminate());
    expect(started()).toBe(2);
    await second.reset('live', null, 0);
    expect(await second.fold('live', 20)).toMatchObject({ position: 20 });
    expect(JSON.parse(await second.state('live'))).toMatchObject({ events: 20 });

    // Both idle: one more spare, for whatever comes next.
    await pool.spareReady();
    expect(started()).toBe(3);
  });

  it('starts one spare for several taken processes once none has work, and none once closed', async () => {
    const store = await folderWith(EVENTS);
    const { pool, started } = countingPool();
    const one = await projections.ProjectionProcess.start('one', store, STATISTICS, { sandbox: pool });
    later(() => one.terminate());
    const two = await projections.ProjectionProcess.start('two', store, STATISTICS, { sandbox: pool });
    later(() => two.terminate());
    expect(started()).toBe(2);
    await Promise.all([one.reset('live', null, 0), two.reset('live', null, 0)]);
    const folds = Promise.all([one.fold('live', 20), two.fold('live', 5)]);
    expect(started()).toBe(2);
    expect(await folds).toMatchObject([{ position: 20 }, { position: 5 }]);
    await pool.spareReady();
    expect(started()).toBe(3);

    pool.close();
    await one.terminate();
    await pool.spareReady();
    expect(started()).toBe(3);
  });
});
