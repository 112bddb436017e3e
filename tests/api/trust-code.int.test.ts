import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectionSummary } from '../../shared/contract.js';
import {
  compiledApp,
  compiledSession,
  folderWith,
  writeProjection,
} from '../projections/projection-fixture.js';

const statusOf = (list: readonly ProjectionSummary[] | undefined, name: string) =>
  list?.find((projection) => projection.name === name)?.status;

async function shop(): Promise<string> {
  const opened = await folderWith([
    { stream: 'order-1', type: 'OrderPlaced', data: { total: 3 } },
    { stream: 'order-2', type: 'OrderPlaced', data: { total: 4 } },
  ]);
  await opened.close();
  writeProjection(
    opened.folder,
    'total',
    `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + e.data.total })`,
  );
  return opened.folder;
}

describe('trust is for the code the folder had when trusted', () => {
  it('code changed behind the app stops the folder’s projections and asks again, saying the code changed', async () => {
    const folder = await shop();
    const app = compiledApp();
    const window = compiledSession(app);
    const other = compiledSession(app);
    await window.call('folder.open', { path: folder });
    await other.call('folder.open', { path: folder });
    await window.call('folder.trust', { trusted: true });
    expect(await window.call('projection.state', { name: 'total' })).toMatchObject({ state: 7 });

    // Someone (a sync tool, a pull) changes the code.
    writeProjection(
      folder,
      'total',
      `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + 100 * e.data.total })`,
    );
    for (const page of [window, other]) {
      await page.waitForPush(
        'trust.changed',
        (status) => !status.trusted && status.askAgain === 'code-changed',
        'the page hears that the code changed since it was trusted',
      );
    }
    await window.waitForPush(
      'projections.changed',
      (list) => statusOf(list, 'total') === 'untrusted',
      'the changed projection waits for trust',
    );
    expect(await window.refusalCode('projection.state', { name: 'total' })).toBe('NotTrusted');
    expect(await window.call('trust.status', undefined)).toEqual({
      trusted: false,
      projections: 1,
      askAgain: 'code-changed',
    });
    // Built-ins run on.
    expect(await window.call('projection.state', { name: 'stream-statistics' })).toMatchObject({
      position: 2,
    });

    await window.call('folder.trust', { trusted: true });
    expect(await other.call('projection.state', { name: 'total' })).toMatchObject({ state: 700 });
  });

  it('a save from the app moves trust to the code it writes: the folder does not ask again for it', async () => {
    const folder = await shop();
    const window = compiledSession();
    await window.call('folder.open', { path: folder });
    await window.call('folder.trust', { trusted: true });
    const saved = await window.call('projection.save', {
      name: 'count',
      code: `fromAll().when({ $init: () => 0, $any: (s) => s + 1 })`,
    });
    expect(saved.name).toBe('count');
    expect(await window.call('trust.status', undefined)).toEqual({ trusted: true, projections: 2 });
    expect(await window.call('projection.state', { name: 'count' })).toMatchObject({ state: 2 });
    expect(window.pushed('trust.changed').filter((status) => !status.trusted)).toEqual([]);
    expect(fs.readFileSync(path.join(folder, 'projections', 'count.js'), 'utf8')).toContain('s + 1');
  });

  it('a save into a folder whose code changed since it was trusted is refused, saying so', async () => {
    const folder = await shop();
    const window = compiledSession();
    await window.call('folder.open', { path: folder });
    await window.call('folder.trust', { trusted: true });
    writeProjection(folder, 'other', 'fromAll().when({})');
    const refusal = await window.refusal('projection.save', { name: 'count', code: 'fromAll().when({})' });
    expect(refusal.code).toBe('NotTrusted');
    expect(refusal.message).toContain('changed since you trusted it');
    expect(fs.existsSync(path.join(folder, 'projections', 'count.js'))).toBe(false);
  });
});
