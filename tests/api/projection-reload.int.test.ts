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

    // Saved by an editor: the file is replaced on disk, nothing in the app asked for it. Trust was given
    // for the old code, so every window is asked again and the changed code runs only once trusted again.
    const file = path.join(folder, 'projections', 'total.js');
    fs.writeFileSync(`${file}.tmp`, DOUBLED);
    fs.renameSync(`${file}.tmp`, file);
    for (const page of [showing, listing]) {
      await page.waitForPush(
        'trust.changed',
        (status) => !status.trusted && status.askAgain === 'code-changed',
        'the trust prompt',
      );
    }
    await showing.call('folder.trust', { trusted: true });
    expect(await showing.call('projection.state', { name: 'total' })).toMatchObject({ state: 14 });
    expect(await listing.call('projection.state', { name: 'total', position: 1 })).toMatchObject({
      state: 6,
    });

    // Saved from What if… in a trusted folder: the code the user wrote keeps the trust, and every window
    // hears of the reload once the new code runs.
    const before = [showing, listing].map((page) => page.pushed('projection.reloaded').length);
    await showing.call('projection.save', { name: 'total', code: TOTAL });
    for (const [i, page] of [showing, listing].entries()) {
      await waitUntil(
        () => page.pushed('projection.reloaded').length > before[i]!,
        'the reload push after the save',
      );
    }
    expect(await listing.call('projection.state', { name: 'total' })).toMatchObject({ state: 7 });
    const after = [showing, listing].map((page) => page.pushed('projection.reloaded').length);

    // Saving the same code again, or a touch of the file, is no reload.
    await showing.call('projection.save', { name: 'total', code: TOTAL });
    fs.utimesSync(file, new Date(), new Date());
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect([showing, listing].map((page) => page.pushed('projection.reloaded').length)).toEqual(after);
    expect(showing.pushed('projection.reloaded').every((pushed) => pushed.name === 'total')).toBe(true);
  });
});
