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

/**
 * What a reader sees when it starts while a progressive open is still indexing: every page as it comes,
 * a subscription made before the index is complete, and an append queued behind the indexing.
 */
async function visibleWhileIndexing(store: EventStore): Promise<unknown> {
  const delivered: number[] = [];
  const subscription = store.subscribe({}, (event) => {
    delivered.push(event.position);
  });
  const events: unknown[] = [];
  for (let from: number | null = 1; from !== null;) {
    const page = await store.readAll({ from, limit: 1000 });
    events.push(...page.events);
    from = page.next;
  }
  await store.indexed;
  await subscription.caughtUp;
  subscription.close();
  const inOrder =
    delivered.every((position, i) => position === i + 1) && delivered.length === store.lastPosition;
  return { events, inOrder };
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
await parallel.close();
const progressive = await openEventStore(folder, {
  watch: false,
  cache: false,
  progressive: true,
  parallelScanMinBytes: 1,
});
const early = (await visibleWhileIndexing(progressive)) as { events: unknown[]; inOrder: boolean };
const c = JSON.stringify(await visible(progressive));
await progressive.close();
const allEvents = JSON.stringify((JSON.parse(a) as { events: unknown[] }).events);
await single.close();
process.stdout.write(
  JSON.stringify({
    same: a === b,
    sameProgressive: a === c && JSON.stringify(early.events) === allEvents,
    subscriptionInOrder: early.inOrder,
    events: single.lastPosition,
    problems: single.health().problems.length,
  }) + '\n',
);
