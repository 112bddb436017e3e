import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../electron/store/index.js';
import { finalState, folderWith, projections, runProjection, type Sample } from './projection-fixture.js';

const EVENTS: Sample[] = [
  { stream: 'order-1', type: 'OrderPlaced', data: { total: 3 } },
  { stream: 'order-2', type: 'OrderPlaced', data: { total: 4 } },
  { stream: 'order-1', type: 'OrderShipped', data: {} },
  { stream: 'order-3', type: 'OrderPlaced', data: { total: 5 } },
  { stream: 'order-2', type: 'OrderCancelled', data: { reason: 'late' } },
];

const PER_ORDER = `fromCategory('order').foreachStream().when({
  $init: () => ({ status: 'new', total: 0 }),
  OrderPlaced: (s, e) => ({ status: 'placed', total: e.data.total }),
  OrderShipped: (s) => { s.status = 'shipped'; },
  OrderCancelled: (s, e) => ({ ...s, status: 'cancelled: ' + e.data.reason }),
})`;

/** Every file under the folder's cache/ and projections/, to see that a scratch run writes none. */
function filesOf(store: EventStore): string[] {
  const found: string[] = [];
  for (const dir of ['cache', 'projections']) {
    const root = path.join(store.folder, dir);
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      found.push(path.relative(store.folder, path.join(entry.parentPath, entry.name)));
    }
  }
  return found.sort();
}

describe('what-if scratch runs', () => {
  it('give the state a saved projection of the same code has at each position, writing nothing', async () => {
    const store = await folderWith(EVENTS);
    const saved = await runProjection(store, 'orders', PER_ORDER);
    await finalState(saved, store);
    await saved.close();
    const before = filesOf(store);
    for (let position = 0; position <= EVENTS.length; position++) {
      const scratch = await projections.runScratchProjection(store, PER_ORDER, { position });
      expect(scratch.position).toBe(position);
      expect(scratch.state).toEqual(await reopened(store).stateAt(position));
    }
    expect((await projections.runScratchProjection(store, PER_ORDER)).position).toBe(EVENTS.length);
    expect(filesOf(store)).toEqual(before);
    expect(before).toContain('projections/orders.js');
  });

  it('reports a throw with the event position and its line, and a syntax error with line and column', async () => {
    const store = await folderWith(EVENTS);
    const throwing = [
      'fromAll().when({',
      '  $init: () => ({ n: 0 }),',
      '  OrderShipped: (s, e) => {',
      "    throw new Error('cannot ship ' + e.stream);",
      '  },',
      '})',
    ].join('\n');
    const fault = await projections
      .runScratchProjection(store, throwing, { filename: 'projections/orders.js' })
      .catch((error: unknown) => error);
    expect(fault).toBeInstanceOf(projections.ScratchFault);
    expect(fault).toMatchObject({
      projection: 'what-if',
      position: 3,
      reason: expect.stringContaining('cannot ship order-1') as unknown,
      location: { line: 4, column: 11 },
    });
    // Before the faulting event there is nothing wrong.
    expect((await projections.runScratchProjection(store, throwing, { position: 2 })).state).toEqual({
      n: 0,
    });

    const broken = ['fromAll().when({', '  $init: () => 0,', '  OrderPlaced: (s, e) => s +* 1,', '})'].join(
      '\n',
    );
    const syntax = await projections.runScratchProjection(store, broken).catch((error: unknown) => error);
    expect(syntax).toMatchObject({
      projection: 'what-if',
      position: null,
      reason: expect.stringMatching(/^SyntaxError/) as unknown,
      location: { line: 3, column: 29 },
    });

    const noProjection = await projections
      .runScratchProjection(store, 'const x = 1;')
      .catch((error: unknown) => error);
    expect(noProjection).toMatchObject({
      position: null,
      reason: expect.stringContaining('defines no projection') as unknown,
      location: null,
    });
  });

  it('holds the sandbox and its limits: no require, a loop and a memory bomb fault', async () => {
    const store = await folderWith(EVENTS);
    const escape = await projections.runScratchProjection(
      store,
      `fromAll().when({ $any: () => ({ require: typeof require, process: typeof process,
        generated: (() => { try { return (() => 1).constructor('return process')(); } catch (e) { return e.name; } })() }) })`,
    );
    expect(escape.state).toEqual({ require: 'undefined', process: 'undefined', generated: 'EvalError' });

    const loop = await projections
      .runScratchProjection(
        store,
        `fromAll().when({ $any: (s, e) => { if (e.position === 2) for (;;) {} return s; } })`,
        { eventTimeoutMs: 100 },
      )
      .catch((error: unknown) => error);
    expect(loop).toMatchObject({
      position: 2,
      reason: expect.stringMatching(/time limit \(100 ms/) as unknown,
    });

    const bomb = await projections
      .runScratchProjection(
        store,
        `fromAll().when({ $any: (s, e) => { const all = []; if (e.position === 4) for (;;) all.push(new Array(1e6).fill(1)); } })`,
        { memoryMb: 64, eventTimeoutMs: 60_000 },
      )
      .catch((error: unknown) => error);
    expect(bomb).toMatchObject({ position: 4, reason: expect.stringMatching(/out of memory/) as unknown });
  });

  it('refuses positions outside the log, reports progress on long runs and can be cancelled', async () => {
    const store = await folderWith(EVENTS);
    await expect(projections.runScratchProjection(store, PER_ORDER, { position: 6 })).rejects.toMatchObject({
      code: 'OutOfRange',
      message: 'position 6 is outside the log (0 to 5)',
    });
    // Each event takes 100 ms, and the sandbox reports its progress about ten times a second.
    const slow = `fromAll().when({ $init: () => 0, $any: (s) => { const until = Date.now() + 100; while (Date.now() < until) {} return s + 1; } })`;
    const heard: number[] = [];
    const done = await projections.runScratchProjection(store, slow, {
      eventTimeoutMs: 300,
      onProgress: (at) => heard.push(at),
    });
    expect(done.state).toBe(5);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.every((at) => at >= 1 && at <= 5)).toBe(true);

    const controller = new AbortController();
    const running = projections.runScratchProjection(store, slow, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toMatchObject({ code: 'Cancelled' });
  });
});

/** A runner over the saved projection again (from its checkpoint and snapshots), closed after the test. */
function reopened(store: EventStore) {
  const file = path.join(store.folder, 'projections', 'orders.js');
  return {
    async stateAt(position: number): Promise<unknown> {
      const runner = await projections.ProjectionRunner.start(
        store,
        await projections.userCode(file, store.folder),
        { follow: false },
      );
      try {
        return await runner.stateAt(position);
      } finally {
        await runner.close();
      }
    },
  };
}
