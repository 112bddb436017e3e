import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Projections from '../../electron/projections/index.js';
import {
  appendAll,
  folderWith,
  later,
  projections,
  writeProjection,
  type Sample,
} from './projection-fixture.js';

const EVENTS: Sample[] = [
  { stream: 'order-1', type: 'OrderPlaced', data: { total: 3 } },
  { stream: 'order-2', type: 'OrderPlaced', data: { total: 4 } },
];

async function openHost(
  store: Awaited<ReturnType<typeof folderWith>>,
  trusted: boolean,
): Promise<Projections.ProjectionHost> {
  const host = await projections.ProjectionHost.open(store, { trusted });
  later(() => host.close());
  return host;
}

/** Polls until `check` passes (the watcher and the live fold are asynchronous). */
async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch((error: unknown) => error as T);
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('projection host', () => {
  it('lists the built-ins and, in a trusted folder, its projections, starting none until asked', async () => {
    const store = await folderWith(EVENTS);
    writeProjection(
      store.folder,
      'total',
      `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + e.data.total })`,
    );
    const host = await openHost(store, true);
    const brief = (list: Projections.ProjectionStatus[]) =>
      list.map(({ name, kind, status, position }) => ({ name, kind, status, position }));
    expect(brief(await host.caughtUp())).toEqual([
      { name: 'stream-documents', kind: 'builtin', status: 'idle', position: 0 },
      { name: 'stream-statistics', kind: 'builtin', status: 'idle', position: 0 },
      { name: 'total', kind: 'user', status: 'idle', position: 0 },
    ]);
    expect(fs.existsSync(path.join(store.folder, 'cache', 'projections'))).toBe(false);

    const heard: string[] = [];
    host.onChanged((list) => heard.push(list.find((status) => status.name === 'total')?.status ?? ''));
    expect(await host.stateAt('total')).toBe(7);
    expect(heard).toContain('starting');
    expect(brief(await host.caughtUp())).toEqual([
      { name: 'stream-documents', kind: 'builtin', status: 'idle', position: 0 },
      { name: 'stream-statistics', kind: 'builtin', status: 'idle', position: 0 },
      { name: 'total', kind: 'user', status: 'running', position: 2 },
    ]);

    // Started, it follows the log.
    await appendAll(store, [{ stream: 'order-3', type: 'OrderPlaced', data: { total: 10 } }]);
    await eventually(
      () => Promise.resolve(host.list().find((status) => status.name === 'total')?.position),
      (position) => position === 3,
    );
    expect(await host.stateAt('total', 3)).toBe(17);
    expect(host.list().find((status) => status.name === 'stream-statistics')?.status).toBe('idle');
  });

  it('answers a state past where a starting projection has folded once it gets there', async () => {
    const many: Sample[] = Array.from({ length: 3_000 }, (_, i) => ({
      stream: `order-${i % 7}`,
      type: 'OrderPlaced',
      data: { total: 1 },
    }));
    const store = await folderWith(many);
    const host = await openHost(store, false);
    const [early, late] = await Promise.all([
      host.stateAt('stream-statistics', 10),
      host.stateAt('stream-statistics'),
    ]);
    expect(early).toMatchObject({ events: 10 });
    expect(late).toMatchObject({ events: 3_000, categories: { order: 3_000 } });
    expect(host.list().find((status) => status.name === 'stream-statistics')).toMatchObject({
      status: 'running',
      position: 3_000,
    });
  });

  it('runs none of an untrusted folder’s code until it is trusted; built-ins run regardless', async () => {
    const store = await folderWith(EVENTS);
    writeProjection(
      store.folder,
      'total',
      `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + e.data.total })`,
    );
    const host = await openHost(store, false);
    await host.caughtUp();
    expect(host.list().find((status) => status.name === 'total')?.status).toBe('untrusted');
    await expect(host.stateAt('total')).rejects.toMatchObject({ code: 'NotTrusted' });
    expect(await host.stateAt('stream-statistics')).toMatchObject({ events: 2 });
    expect(fs.existsSync(path.join(store.folder, 'cache', 'projections', 'total.json'))).toBe(false);
    await host.setTrusted(true);
    await host.caughtUp();
    expect(await host.stateAt('total')).toBe(7);
  });

  it('reloads and rebuilds a projection when its file changes, and picks up new files', async () => {
    const store = await folderWith(EVENTS);
    const file = writeProjection(
      store.folder,
      'total',
      `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + e.data.total })`,
    );
    const host = await openHost(store, true);
    await host.caughtUp();
    expect(await host.stateAt('total')).toBe(7);
    fs.writeFileSync(
      file,
      `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + 10 * e.data.total })`,
    );
    expect(
      await eventually(
        () => host.stateAt('total'),
        (state) => state === 70,
      ),
    ).toBe(70);
    writeProjection(store.folder, 'count', `fromAll().when({ $init: () => 0, $any: (s) => s + 1 })`);
    expect(
      await eventually(
        () => host.stateAt('count'),
        (state) => state === 2,
      ),
    ).toBe(2);
    fs.rmSync(file);
    await eventually(
      () => Promise.resolve(host.list().map((status) => status.name)),
      (names) => !names.includes('total'),
    );
  });

  it('a faulted projection is listed with its fault once started; skip and rebuild through the host', async () => {
    const store = await folderWith(EVENTS);
    writeProjection(
      store.folder,
      'fussy',
      `fromAll().when({ $init: () => [], $any: (s, e) => { if (e.stream === 'order-1') throw new Error('not that one'); return [...s, e.position]; } })`,
    );
    const host = await openHost(store, true);
    expect(host.list().find((status) => status.name === 'fussy')).toMatchObject({ status: 'idle' });
    // A skip starts it: the fold finds its fault first, at 1, not at 2.
    await expect(host.skip('fussy', 2)).rejects.toMatchObject({ code: 'NotFaulted' });
    const fussy = host.list().find((status) => status.name === 'fussy');
    expect(fussy).toMatchObject({ status: 'faulted', fault: { position: 1 } });
    expect(fussy?.fault?.error).toMatch(/not that one/);
    await host.skip('fussy', 1);
    await host.caughtUp();
    expect(await host.stateAt('fussy')).toEqual([2]);
    await host.rebuild('fussy');
    await host.caughtUp();
    expect(host.list().find((status) => status.name === 'fussy')).toMatchObject({
      status: 'faulted',
      skipped: [],
    });
  });

  it('lists a projection that faulted in an earlier session as faulted without starting it', async () => {
    const store = await folderWith([...EVENTS, { stream: 'order-3', type: 'OrderPlaced', data: {} }]);
    const file = writeProjection(
      store.folder,
      'fussy',
      `fromAll().when({ $init: () => 0, $any: (s, e) => { if (e.stream === 'order-2') throw new Error('not that one'); return s + 1; } })`,
    );
    const first = await openHost(store, true);
    await expect(first.stateAt('fussy')).rejects.toMatchObject({ position: 2 });
    const faulted = first.list().find((status) => status.name === 'fussy');
    await first.close();

    const second = await openHost(store, true);
    const listed = second.list();
    // As the last session listed it, but with no process to say what the code's shape is.
    expect(listed.find((status) => status.name === 'fussy')).toEqual({ ...faulted, shape: null });
    expect(faulted).toMatchObject({ status: 'faulted', fault: { position: 2 } });
    expect(faulted?.fault?.error).toMatch(/not that one/);
    // Only the header was read: nothing was started, the built-ins included (they never ran here).
    expect(listed.filter((status) => status.kind === 'builtin')).toMatchObject([
      { status: 'idle', position: 0 },
      { status: 'idle', position: 0 },
    ]);
    // Opened, it resumes at that same fault.
    expect(await second.stateAt('fussy', 1)).toBe(1);
    expect(second.list().find((status) => status.name === 'fussy')).toMatchObject({
      status: 'faulted',
      fault: { position: 2 },
    });
    await second.close();

    // A checkpoint of other code says nothing about this code: it is not started, not faulted.
    fs.writeFileSync(file, `fromAll().when({ $init: () => 0, $any: (s) => s + 2 })`);
    const third = await openHost(store, true);
    expect(third.list().find((status) => status.name === 'fussy')).toMatchObject({
      status: 'idle',
      position: 0,
      fault: null,
    });
  });

  it('resumes a projection from its checkpoint when asked again, and rebuilds one not started afresh', async () => {
    const store = await folderWith(EVENTS);
    writeProjection(
      store.folder,
      'fussy',
      `fromAll().when({ $init: () => [], $any: (s, e) => { if (e.stream === 'order-1') throw new Error('not that one'); return [...s, e.position]; } })`,
    );
    const first = await openHost(store, true);
    await expect(first.stateAt('fussy')).rejects.toMatchObject({ position: 1 });
    await first.skip('fussy', 1);
    expect(await first.stateAt('fussy')).toEqual([2]);
    await first.close();

    const second = await openHost(store, true);
    // Not started, listed where its checkpoint stopped.
    expect(second.list().find((status) => status.name === 'fussy')).toMatchObject({
      status: 'idle',
      position: 2,
      skipped: [{ position: 1 }],
    });
    expect(await second.stateAt('fussy')).toEqual([2]);
    expect(second.list().find((status) => status.name === 'fussy')).toMatchObject({
      status: 'running',
      skipped: [{ position: 1 }],
    });
    await second.close();

    const third = await openHost(store, true);
    const rebuilt = await third.rebuild('fussy');
    expect(rebuilt).toMatchObject({ name: 'fussy', skipped: [] });
    await third.caughtUp();
    expect(third.list().find((status) => status.name === 'fussy')).toMatchObject({
      status: 'faulted',
      fault: { position: 1 },
      skipped: [],
    });
  });
});
