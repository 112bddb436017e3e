import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectionSummary } from '../../shared/contract.js';
import {
  compiledSession,
  compiledApp,
  folderWith,
  later,
  writeProjection,
} from '../projections/projection-fixture.js';
import { waitUntil } from '../store/wait-until.js';

const statusOf = (list: readonly ProjectionSummary[] | undefined, name: string) =>
  list?.find((projection) => projection.name === name)?.status;

describe('trust decisions reach every window on the folder', () => {
  it('a trust or revoke in one window is pushed to the others, whose list and states follow at once', async () => {
    const store = await folderWith([
      { stream: 'order-1', type: 'OrderPlaced', data: { total: 3 } },
      { stream: 'order-2', type: 'OrderPlaced', data: { total: 4 } },
    ]);
    const folder = store.folder;
    await store.close();
    writeProjection(
      folder,
      'total',
      `fromAll().when({ $init: () => 0, OrderPlaced: (s, e) => s + e.data.total })`,
    );
    // The same folder reached through a link is the same folder (its real path), so the same trust; a
    // copy elsewhere has the same manifest id but is another folder, with trust of its own.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-copy-'));
    later(() => fs.rmSync(elsewhere, { recursive: true, force: true }));
    const link = path.join(elsewhere, 'link');
    fs.symlinkSync(folder, link);
    const copy = path.join(elsewhere, 'copy');
    fs.cpSync(folder, copy, { recursive: true });

    const app = compiledApp();
    const deciding = compiledSession(app);
    const other = compiledSession(app);
    const onLink = compiledSession(app);
    const onCopy = compiledSession(app);
    await deciding.call('folder.open', { path: folder });
    await other.call('folder.open', { path: folder });
    await onLink.call('folder.open', { path: link });
    await onCopy.call('folder.open', { path: copy });
    for (const page of [deciding, other, onLink, onCopy]) {
      expect(statusOf(await page.call('projections.list', undefined), 'total')).toBe('untrusted');
    }

    await deciding.call('folder.trust', { trusted: true });
    expect(onCopy.pushed('trust.changed')).toEqual([]);
    expect(statusOf(await onCopy.call('projections.list', undefined), 'total')).toBe('untrusted');
    for (const page of [other, onLink]) {
      expect(page.pushed('trust.changed')).toEqual([{ trusted: true, projections: 1 }]);
      // The host was told before the push went out: the list pushed with it is already the trusted one.
      expect(statusOf(page.pushed('projections.changed').at(-1), 'total')).toBe('idle');
    }
    expect(deciding.pushed('trust.changed')).toEqual([]);
    expect(await other.call('projection.state', { name: 'total' })).toMatchObject({ state: 7 });

    await deciding.call('folder.trust', { trusted: false });
    expect(other.pushed('trust.changed').at(-1)).toEqual({ trusted: false, projections: 1 });
    expect(onLink.pushed('trust.changed').at(-1)).toEqual({ trusted: false, projections: 1 });
    await waitUntil(
      () => statusOf(other.pushed('projections.changed').at(-1), 'total') === 'untrusted',
      'the other window hears that total waits for trust',
    );
    // The projection that ran for the other window was stopped, not left folding behind a prompt.
    expect(await other.refusalCode('projection.state', { name: 'total' })).toBe('NotTrusted');
    expect(await other.call('trust.status', undefined)).toEqual({ trusted: false, projections: 1 });
    expect(statusOf(await other.call('projections.list', undefined), 'total')).toBe('untrusted');
    expect(deciding.pushed('trust.changed')).toEqual([]);
  });

  it('a window on another folder hears nothing', async () => {
    const first = await folderWith([]);
    const second = await folderWith([]);
    await first.close();
    await second.close();
    const app = compiledApp();
    const deciding = compiledSession(app);
    const elsewhere = compiledSession(app);
    await deciding.call('folder.open', { path: first.folder });
    await elsewhere.call('folder.open', { path: second.folder });
    await deciding.call('folder.trust', { trusted: true });
    expect(elsewhere.pushed('trust.changed')).toEqual([]);
    expect(await elsewhere.call('trust.status', undefined)).toEqual({ trusted: false, projections: 0 });
  });
});
