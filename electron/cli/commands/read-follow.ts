import type { RecordedEvent } from '../../../shared/event.js';
import { matchesCondition } from '../../../shared/value-filter.js';
import type { EventStore } from '../../store/index.js';
import { CliFailure } from '../failure.js';
import type { Interrupt } from '../interrupt.js';
import { outputClosed } from '../output.js';
import type { PrintEvents, ReadQuery } from './read.js';

/**
 * After the initial read, prints each new event (appended by any process: the store's watcher sees other
 * writers) until interrupted, or until `limit` more events were printed. Resolves when it stops, so
 * the caller closes the store cleanly.
 */
export async function followEvents(
  store: EventStore,
  query: ReadQuery,
  after: number,
  limit: number,
  print: PrintEvents,
  interrupt: Interrupt,
): Promise<void> {
  let printed = 0;
  let stop!: (error?: Error) => void;
  const stopped = new Promise<void>((resolve, reject) => {
    stop = (error) => (error === undefined ? resolve() : reject(error));
  });
  void interrupt.signalled.then(() => stop());
  const stopWatchingHealth = store.onHealthChanged((health) => {
    if (health.missing) stop(new CliFailure(`${store.folder} was removed or renamed while following it`));
  });
  const wanted = (event: RecordedEvent): boolean =>
    (query.from === undefined ||
      (query.stream === undefined ? event.position : event.revision) >= query.from) &&
    query.where.every((condition) => matchesCondition(event, condition));
  const subscription = store.subscribe(
    {
      after,
      ...(query.stream === undefined ? {} : { stream: query.stream }),
      ...(query.category === undefined ? {} : { category: query.category }),
      ...(query.types === undefined ? {} : { types: query.types }),
      onError: (error) => stop(error instanceof Error ? error : new Error(String(error))),
    },
    async (event) => {
      if (printed >= limit || !wanted(event)) return;
      await print([event]);
      if (++printed >= limit || outputClosed()) stop();
    },
  );
  try {
    await stopped;
  } finally {
    subscription.close();
    stopWatchingHealth();
  }
}
