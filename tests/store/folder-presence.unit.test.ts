import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initEventFolder, openEventStore, type FolderHealth } from '../../electron/store/index.js';
import { makeTempDir, removeDir } from './temp-folders.js';

/** Resolves with the first health report that passes `accept`, or rejects after `ms`. */
function nextHealth(
  store: Awaited<ReturnType<typeof openEventStore>>,
  accept: (health: FolderHealth) => boolean,
  ms = 8000,
): Promise<FolderHealth> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching health report within ${ms} ms`));
    }, ms);
    const stop = store.onHealthChanged((health) => {
      if (!accept(health)) return;
      clearTimeout(timer);
      stop();
      resolve(health);
    });
  });
}

describe('an open folder that is moved or removed', () => {
  it('is reported missing when renamed, and present again when renamed back', async () => {
    const parent = makeTempDir();
    const folder = path.join(parent, 'events');
    const moved = path.join(parent, 'events-moved');
    await initEventFolder(folder);
    const store = await openEventStore(folder);
    try {
      await store.appendToStream('order-1', [{ type: 'OrderPlaced' }]);
      expect(store.health().missing).toBe(false);
      const gone = nextHealth(store, (health) => health.missing);
      fs.renameSync(folder, moved);
      expect((await gone).missing).toBe(true);
      const back = nextHealth(store, (health) => !health.missing);
      fs.renameSync(moved, folder);
      expect((await back).missing).toBe(false);
    } finally {
      await store.close();
      removeDir(parent);
    }
  }, 30_000);

  it('is reported missing when deleted', async () => {
    const parent = makeTempDir();
    const folder = path.join(parent, 'events');
    await initEventFolder(folder);
    const store = await openEventStore(folder);
    try {
      const gone = nextHealth(store, (health) => health.missing);
      fs.rmSync(folder, { recursive: true, force: true });
      expect((await gone).missing).toBe(true);
    } finally {
      await store.close();
      removeDir(parent);
    }
  }, 30_000);
});
