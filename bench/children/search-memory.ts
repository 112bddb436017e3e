// What the journal's search worker adds to a process's memory, in a fresh process so that nothing else
// the benchmark did is counted. Run with --expose-gc. Usage: node --expose-gc search-memory.js FOLDER
import { JournalSearch, storeEventFeed } from '../../electron/journal/search/index.js';
import { openEventStore } from '../../electron/store/index.js';

const folder = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (folder === undefined || gc === undefined)
  throw new Error('usage: node --expose-gc search-memory.js FOLDER');

function settledRss(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage.rss();
}

const store = await openEventStore(folder, { watch: false, readOnly: true });
try {
  const rssBefore = settledRss();
  const search = await JournalSearch.open(storeEventFeed(store));
  try {
    await search.whenCovered(store.lastPosition);
    await search.checkpoint();
    const memory = await search.memory();
    const rssAfter = settledRss();
    process.stdout.write(
      `${JSON.stringify({
        messages: memory.messages,
        rssBefore,
        rssAfter,
        workerHeapUsed: memory.heapUsed,
      })}\n`,
    );
  } finally {
    await search.close();
  }
} finally {
  await store.close();
}
