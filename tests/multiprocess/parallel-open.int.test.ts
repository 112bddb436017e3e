import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { useTempFolders } from '../store/temp-folders.js';
import { startChild } from './child-process.js';

/**
 * A large folder is opened by two threads (the second half of the log is parsed by a worker). What the
 * user sees must not depend on it: the same events, streams, revisions, and the same report of damage.
 */
interface Comparison {
  same: boolean;
  sameProgressive: boolean;
  subscriptionInOrder: boolean;
  events: number;
  problems: number;
}

async function compare(folder: string): Promise<Comparison> {
  const child = startChild('scan-compare', [folder]);
  const line = (await child.waitForLine(() => true)) as Comparison;
  await child.exited;
  return line;
}

async function buildFolder(folder: string): Promise<void> {
  await initEventFolder(folder, { segmentSizeLimit: 64 * 1024 });
  const store = await openEventStore(folder, { watch: false, durability: 'none' });
  for (let round = 0; round < 40; round++) {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.appendToStream(
          `order-${(round * 7 + i) % 37}`,
          Array.from({ length: 1 + (i % 3) }, (_, k) => ({
            type: ['Placed', 'Paid', 'Shipped'][k] ?? 'Noted',
            data: { round, i, k, note: 'ü'.repeat(i % 5) },
          })),
        ),
      ),
    );
  }
  await store.close();
}

describe('opening a large folder with a scan worker', () => {
  const makeTempFolder = useTempFolders('eventfold-parallel-');

  it('shows exactly what a single-threaded open shows, also to readers that start while it indexes', async () => {
    const folder = makeTempFolder();
    await buildFolder(folder);
    const result = await compare(folder);
    expect(result.events).toBeGreaterThan(3000);
    expect(result).toMatchObject({
      same: true,
      sameProgressive: true,
      subscriptionInOrder: true,
      problems: 0,
    });
  });

  it('reports the same damage when a line in the worker half is corrupt', async () => {
    const folder = makeTempFolder();
    await buildFolder(folder);
    const segments = fs
      .readdirSync(`${folder}/log`)
      .filter((name) => name.endsWith('.jsonl'))
      .sort();
    const late = `${folder}/log/${segments[segments.length - 2] ?? ''}`;
    const bytes = fs.readFileSync(late);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    fs.writeFileSync(late, bytes);
    const result = await compare(folder);
    expect(result.problems).toBeGreaterThan(0);
    expect(result.same).toBe(true);
  });
});
