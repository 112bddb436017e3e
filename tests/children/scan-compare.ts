/**
 * Opens one folder twice, with the parallel open scan and without, and prints whether the two stores
 * agree on everything a user can see. Runs from dist/ because the scan worker is a compiled file.
 * Usage: scan-compare FOLDER
 */
import { openEventStore, type EventStore } from '../../electron/store/index.js';

async function visible(store: EventStore): Promise<unknown> {
  const events: unknown[] = [];
  for (let from: number | null = 1; from !== null;) {
    const page = await store.readAll({ from, limit: 5000 });
    events.push(...page.events);
    from = page.next;
  }
  const streams = store.streams();
  const firstOfEachStream = await Promise.all(
    streams.slice(0, 200).map(async (stream) => (await store.readStream(stream.stream, { limit: 3 })).events),
  );
  return {
    last: store.lastPosition,
    streams,
    types: store.eventTypes(),
    health: store.health(),
    events,
    firstOfEachStream,
  };
}

const folder = process.argv[2];
if (folder === undefined) throw new Error('usage: scan-compare FOLDER');
const single = await openEventStore(folder, {
  watch: false,
  cache: false,
  parallelScanMinBytes: Number.MAX_SAFE_INTEGER,
});
const parallel = await openEventStore(folder, { watch: false, cache: false, parallelScanMinBytes: 1 });
const a = JSON.stringify(await visible(single));
const b = JSON.stringify(await visible(parallel));
await single.close();
await parallel.close();
process.stdout.write(
  JSON.stringify({ same: a === b, events: single.lastPosition, problems: single.health().problems.length }) +
    '\n',
);
