import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyEventFolder } from '../../../electron/store/index.js';
import { readEverything } from '../read-everything.js';
import type { ContractContext } from './contract-context.js';
import { asExpected, writeSampleLog } from './sample-log.js';

interface Seal {
  format: string;
  version: number;
  segment: string;
  firstPosition: number;
  lastPosition: number;
  records: number;
  bytes: number;
  sha256: string;
}

/** Only for configurations whose segments are small enough to roll over during a test. */
export function segmentsContract(context: ContractContext): void {
  describe('segments roll over and are sealed', () => {
    it('a full segment is sealed and the log continues in a segment named for its first position', async () => {
      const { dir, store } = await context.fresh();
      const log = await writeSampleLog(store, 150);
      await store.appendToStream('big-1', [{ type: 'Big', data: { blob: 'b'.repeat(5000) } }]);
      await store.appendToStream('big-1', [{ type: 'After' }]);
      const logDir = path.join(dir, 'log');
      const files = fs.readdirSync(logDir).sort();
      const segments = files.filter((name) => name.endsWith('.jsonl'));
      const seals = files.filter((name) => name.endsWith('.seal.json'));
      expect(segments.length).toBeGreaterThan(3);
      expect(seals.map((name) => name.replace('.seal.json', '.jsonl'))).toEqual(segments.slice(0, -1));

      let expectedFirst = 1;
      for (const name of segments.slice(0, -1)) {
        const seal = JSON.parse(
          fs.readFileSync(path.join(logDir, name.replace('.jsonl', '.seal.json')), 'utf8'),
        ) as Seal;
        expect(name).toBe(`${String(expectedFirst).padStart(12, '0')}.jsonl`);
        expect(seal).toMatchObject({
          format: 'eventfold-seal',
          version: 1,
          segment: name,
          firstPosition: expectedFirst,
        });
        expect(seal.records).toBe(seal.lastPosition - seal.firstPosition + 1);
        expect(seal.bytes).toBe(fs.statSync(path.join(logDir, name)).size);
        expect(seal.sha256).toMatch(/^[0-9a-f]{64}$/);
        const lines = fs.readFileSync(path.join(logDir, name), 'utf8').split('\n').filter(Boolean);
        expect(lines).toHaveLength(seal.records);
        expectedFirst = seal.lastPosition + 1;
      }
      expect(segments.at(-1)).toBe(`${String(expectedFirst).padStart(12, '0')}.jsonl`);

      const events = await readEverything(store);
      expect(asExpected(events.slice(0, log.length))).toEqual(log);
      expect(events.map((event) => event.position)).toEqual(
        Array.from({ length: log.length + 2 }, (_, i) => i + 1),
      );
      const report = await verifyEventFolder(dir);
      expect(report).toMatchObject({
        sound: true,
        problems: [],
        events: log.length + 2,
        segments: segments.length,
      });
    });

    it('streams spread over many segments read whole, forwards and backwards', async () => {
      const { dir, store } = await context.fresh();
      const log = await writeSampleLog(store, 200);
      const stream = log.filter((event) => event.stream === 'order-2');
      expect(asExpected((await store.readStream('order-2', { limit: 1000 })).events)).toEqual(stream);
      expect(
        asExpected((await store.readStream('order-2', { direction: 'backwards', limit: 1000 })).events),
      ).toEqual([...stream].reverse());
      const backwards = await store.readAll({ direction: 'backwards', limit: 1000 });
      expect(asExpected(backwards.events)).toEqual([...log].reverse());
      await store.close();
      const reopened = await context.open(dir);
      expect(asExpected(await readEverything(reopened))).toEqual(log);
    });
  });
}
