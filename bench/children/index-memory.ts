// Measures what an open folder's index costs in memory, in a fresh process so that nothing else the
// benchmark did is on the heap. Run with --expose-gc. Usage: node --expose-gc index-memory.js FOLDER
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';

const folder = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (folder === undefined || gc === undefined)
  throw new Error('usage: node --expose-gc index-memory.js FOLDER');

/** The heap and the ArrayBuffers outside it (where typed-array indexes live), after a full collection. */
function retainedBytes(): number {
  for (let i = 0; i < 3; i++) gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

// A one-event folder opened and closed first, so that code loaded and compiled on first use (and the
// store's fixed costs) count in `before`: what remains is what the N events cost.
const warmup = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-bench-memory-'));
try {
  await initEventFolder(warmup);
  const small = await openEventStore(warmup, { watch: false, cache: false });
  await small.appendToStream('warm-up', [{ type: 'WarmedUp' }]);
  await small.close();
  await (await openEventStore(warmup, { watch: false, cache: false })).close();
} finally {
  fs.rmSync(warmup, { recursive: true, force: true });
}

const before = retainedBytes();
const store = await openEventStore(folder, { watch: false, cache: false });
const after = retainedBytes();
const report = {
  events: store.lastPosition,
  retainedBytes: after - before,
  indexBytes: store.indexBytes,
  rssBytes: process.memoryUsage().rss,
};
await store.close();
process.stdout.write(JSON.stringify(report) + '\n');
