import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compiledApp,
  compiledSession,
  folderWith,
  writeProjection,
} from '../projections/projection-fixture.js';
import { waitUntil } from '../store/wait-until.js';

const TOTAL = `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + e.data.total })`;
const DOUBLED = `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + 2 * e.data.total })`;

describe('a projection whose code changes', () => {
  it('is reloaded for every window on the folder, which hears of it once the new code runs', async () => {
    const store = await folderWith([
      { stream: 'order-1', type: 'OrderPlaced', data: { total: 3 } },
      { stream: 'order-2', type: 'OrderPlaced', data: { total: 4 } },
    ]);
    const folder = store.folder;
    await store.close();
    writeProjection(folder, 'total', TOTAL);
    const app = compiledApp();
    const showing = compiledSession(app);
    const listing = compiledSession(app);
    for (const page of [showing, listing]) await page.call('folder.open', { path: folder });
    await showing.call('folder.trust', { trusted: true });
    expect(await showing.call('projection.state', { name: 'total' })).toMatchObject({ state: 7 });
    await listing.call('projections.list', undefined);

    // Saved by an editor: the file is replaced on disk, nothing in the app asked for it.
    const file = path.join(folder, 'projections', 'total.js');
    fs.writeFileSync(`${file}.tmp`, DOUBLED);
    fs.renameSync(`${file}.tmp`, file);

    for (const page of [showing, listing]) {
      await page.waitForPush('projection.reloaded', (pushed) => pushed.name === 'total', 'the reload push');
    }
    // Reported once the new code runs: a state read after the push is the new code's.
    expect(await showing.call('projection.state', { name: 'total' })).toMatchObject({ state: 14 });
    expect(await listing.call('projection.state', { name: 'total', position: 1 })).toMatchObject({
      state: 6,
    });
    expect(showing.pushed('projection.reloaded')).toEqual([{ name: 'total' }]);

    // Saving the same code again, or a touch of the file, is no reload.
    fs.writeFileSync(file, DOUBLED);
    await showing.call('projection.save', { name: 'total', code: DOUBLED });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(showing.pushed('projection.reloaded')).toHaveLength(1);

    // From What if…: saved through the app, heard by the other window too.
    await showing.call('projection.save', { name: 'total', code: TOTAL });
    await waitUntil(() => listing.pushed('projection.reloaded').length === 2, 'the second reload push');
    expect(await listing.call('projection.state', { name: 'total' })).toMatchObject({ state: 7 });
  });
});
