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
  it('lists the built-ins and, in a trusted folder, its projections; follows appends', async () => {
    const store = await folderWith(EVENTS);
    writeProjection(
      store.folder,
      'total',
      `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + e.data.total })`,
    );
    const host = await openHost(store, true);
    const listed = await host.caughtUp();
    expect(listed.map(({ name, kind, status, position }) => ({ name, kind, status, position }))).toEqual([
      { name: 'stream-documents', kind: 'builtin', status: 'running', position: 2 },
      { name: 'stream-statistics', kind: 'builtin', status: 'running', position: 2 },
      { name: 'total', kind: 'user', status: 'running', position: 2 },
    ]);
    expect(await host.stateAt('total')).toBe(7);
    const heard: number[] = [];
    host.onChanged((list) => heard.push(list.find((status) => status.name === 'total')?.position ?? -1));
    await appendAll(store, [{ stream: 'order-3', type: 'OrderPlaced', data: { total: 10 } }]);
    await eventually(
      () => Promise.resolve(host.list().find((status) => status.name === 'total')?.position),
      (position) => position === 3,
    );
    expect(await host.stateAt('total', 3)).toBe(17);
    await eventually(
      () => Promise.resolve(heard),
      (positions) => positions.includes(3),
    );
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

  it('a faulted projection is listed with its fault; skip and rebuild through the host', async () => {
    const store = await folderWith(EVENTS);
    writeProjection(
      store.folder,
      'fussy',
      `fromAll().when({ $init: () => [], $any: (s, e) => { if (e.stream === 'order-1') throw new Error('not that one'); return [...s, e.position]; } })`,
    );
    const host = await openHost(store, true);
    await host.caughtUp();
    const fussy = host.list().find((status) => status.name === 'fussy');
    expect(fussy).toMatchObject({ status: 'faulted', fault: { position: 1 } });
    expect(fussy?.fault?.error).toMatch(/not that one/);
    await expect(host.skip('fussy', 2)).rejects.toMatchObject({ code: 'NotFaulted' });
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
});
