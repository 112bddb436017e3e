import { describe, expect, it } from 'vitest';
import { verifyEventFolder } from '../../../electron/store/index.js';
import type { ContractContext } from './contract-context.js';
import { writeSampleLog } from './sample-log.js';

export function folderHealthContract(context: ContractContext): void {
  describe('folder health', () => {
    it('a fresh folder is healthy and empty', async () => {
      const { dir, store } = await context.fresh();
      expect(store.health()).toEqual({ readOnly: false, problems: [], tail: undefined, missing: false });
      expect(store.lastPosition).toBe(0);
      expect(await store.readAll()).toEqual({ events: [], next: null });
      expect(await store.readAll({ direction: 'backwards' })).toEqual({ events: [], next: null });
      expect(store.streams()).toEqual([]);
      expect(store.eventTypes()).toEqual([]);
      expect(await verifyEventFolder(dir)).toMatchObject({ sound: true, events: 0, problems: [] });
    });

    it('a folder stays healthy and verifies as sound after many appends', async () => {
      const { dir, store } = await context.fresh();
      await writeSampleLog(store, 100);
      expect(store.health()).toEqual({ readOnly: false, problems: [], tail: undefined, missing: false });
      expect(await verifyEventFolder(dir)).toMatchObject({
        sound: true,
        events: 100,
        streams: 8,
        problems: [],
      });
    });

    it('the manifest says what the folder is', async () => {
      const { store } = await context.fresh();
      expect(store.manifest.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(store.manifest.segmentSizeLimit).toBeGreaterThanOrEqual(1024);
      expect(Date.parse(store.manifest.created)).not.toBeNaN();
    });
  });
}
