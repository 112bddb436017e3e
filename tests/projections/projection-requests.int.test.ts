import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledSession, folderWith, writeProjection, type Sample } from './projection-fixture.js';

const EVENTS: Sample[] = [
  { stream: 'order-1', type: 'OrderPlaced', data: { total: 3 } },
  { stream: 'order-2', type: 'OrderPlaced', data: { total: 4 } },
  { stream: 'order-1', type: 'OrderShipped', data: {} },
];

describe('projection requests', () => {
  it('lists projections, answers states and refuses the folder’s code until it is trusted', async () => {
    const store = await folderWith(EVENTS);
    const folder = store.folder;
    await store.close();
    writeProjection(
      folder,
      'total',
      `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + e.data.total })`,
    );
    const page = compiledSession();
    await page.call('folder.open', { path: folder });
    const listed = await page.call('projections.list', undefined);
    expect(listed.map(({ name, status }) => ({ name, status }))).toEqual([
      { name: 'stream-documents', status: 'idle' },
      { name: 'stream-statistics', status: 'idle' },
      { name: 'total', status: 'untrusted' },
    ]);
    expect(await page.refusal('projection.state', { name: 'total' })).toMatchObject({ code: 'NotTrusted' });
    expect(await page.call('projection.state', { name: 'stream-statistics', position: 2 })).toMatchObject({
      position: 2,
      state: { events: 2 },
    });

    expect(await page.call('folder.trust', { trusted: true })).toEqual({ trusted: true });
    expect(await page.call('projection.state', { name: 'total' })).toEqual({ position: 3, state: 7 });
    expect(await page.call('projection.around', { name: 'total', position: 2 })).toEqual({
      before: 3,
      after: 7,
    });
    expect(await page.call('projection.history', { name: 'total', path: [], from: 1 })).toEqual({
      changes: [
        { position: 1, before: 0, after: 3 },
        { position: 2, before: 3, after: 7 },
      ],
      next: null,
    });
    await page.call('folder.trust', { trusted: false });
    expect(await page.refusal('projection.state', { name: 'total' })).toMatchObject({ code: 'NotTrusted' });
  });

  it('starts no projection to list them; asking for one’s state starts that one, which then follows appends', async () => {
    const store = await folderWith(EVENTS);
    const folder = store.folder;
    await store.close();
    const page = compiledSession();
    await page.call('folder.open', { path: folder });
    const statuses = async () =>
      Object.fromEntries(
        (await page.call('projections.list', undefined)).map(({ name, status, position }) => [
          name,
          `${status} ${position}`,
        ]),
      );
    expect(await statuses()).toEqual({ 'stream-documents': 'idle 0', 'stream-statistics': 'idle 0' });
    // A projection that ran would have written its checkpoint within a second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await statuses()).toEqual({ 'stream-documents': 'idle 0', 'stream-statistics': 'idle 0' });
    const cache = path.join(folder, 'cache', 'projections');
    expect(fs.existsSync(cache)).toBe(false);

    expect(await page.call('projection.state', { name: 'stream-statistics' })).toMatchObject({
      position: 3,
      state: { events: 3 },
    });
    expect(await statuses()).toEqual({ 'stream-documents': 'idle 0', 'stream-statistics': 'running 3' });
    await page.call('event.append', { stream: 'order-3', type: 'OrderPlaced', data: { total: 5 } });
    await until(async () => (await statuses())['stream-statistics'] === 'running 4');
    expect(await page.call('projection.state', { name: 'stream-statistics' })).toMatchObject({
      position: 4,
      state: { events: 4 },
    });
    expect(await statuses()).toMatchObject({ 'stream-documents': 'idle 0' });
    await until(() => Promise.resolve(fs.existsSync(path.join(cache, 'stream-statistics.json'))));
    expect(fs.existsSync(path.join(cache, 'stream-documents.json'))).toBe(false);
  });

  it('answers faults, skips and rebuilds with the contract’s codes', async () => {
    const store = await folderWith(EVENTS);
    const folder = store.folder;
    await store.close();
    writeProjection(
      folder,
      'fussy',
      `fromAll().when({ $init: () => [], $any: (s, e) => { if (e.position === 2) throw new Error('two'); return [...s, e.position]; } })`,
    );
    const page = compiledSession();
    await page.call('folder.open', { path: folder });
    await page.call('folder.trust', { trusted: true });
    expect(await page.refusal('projection.state', { name: 'fussy' })).toMatchObject({
      code: 'ProjectionFault',
      details: { projection: 'fussy', position: 2, reason: expect.stringMatching(/Error: two/) as unknown },
    });
    expect(await page.refusal('projection.skip', { name: 'fussy', position: 3 })).toMatchObject({
      code: 'NotFaulted',
    });
    expect(await page.refusal('projection.state', { name: 'nothing' })).toMatchObject({
      code: 'UnknownProjection',
    });
    expect(await page.refusal('projection.state', { name: 'stream-statistics', position: 9 })).toMatchObject({
      code: 'OutOfRange',
    });
    expect(await page.call('projection.skip', { name: 'fussy', position: 2 })).toMatchObject({
      name: 'fussy',
      skipped: [{ position: 2 }],
      fault: null,
    });
    expect(await page.call('projection.state', { name: 'fussy' })).toEqual({ position: 3, state: [1, 3] });
    expect(await page.call('projection.rebuild', { name: 'fussy' })).toMatchObject({ skipped: [] });
  });
});

/** Polls until `check` holds (the live fold and checkpoints are asynchronous). */
async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
