import { describe, expect, it } from 'vitest';
import { FolderRegistry } from '../../electron/api/index.js';
import { useApiFixture } from './api-session-fixture.js';

const fixture = useApiFixture();

describe('FolderRegistry', () => {
  it('shares one store per folder and closes it when the last holder releases it', async () => {
    const dir = await fixture.folder([{ stream: 'order-1', type: 'Placed' }]);
    const registry = new FolderRegistry();
    const first = await registry.acquire(dir);
    const second = await registry.acquire(`${dir}/./`);
    expect(second.store).toBe(first.store);
    expect(registry.openFolders).toEqual([dir]);
    await first.release();
    await first.release();
    expect(registry.openFolders).toEqual([dir]);
    expect(second.store.lastPosition).toBe(1);
    await second.release();
    expect(registry.openFolders).toEqual([]);
    await expect(second.store.readPositions([1])).rejects.toThrow(/closed/);
    const again = await registry.acquire(dir);
    expect(again.store).not.toBe(first.store);
    await again.release();
  });

  it('closes a folder released right after opening, while it may still be indexing', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const dir = await fixture.folder();
      const registry = new FolderRegistry();
      const lease = await registry.acquire(dir);
      await lease.release();
      expect(registry.openFolders).toEqual([]);
    }
  });

  it('forgets a folder that failed to open, so a later attempt tries again', async () => {
    const registry = new FolderRegistry();
    const missing = `${fixture.tempFolder()}/nothing`;
    await expect(registry.acquire(missing)).rejects.toThrow(/does not exist/);
    expect(registry.openFolders).toEqual([]);
  });
});
