import type { RecordedEvent } from '../../shared/event.js';
import { MAX_PAGE, type EventStoreApi } from '../../electron/store/index.js';

/** Every event of the folder, in position order, read page by page as a caller would. */
export async function readEverything(store: EventStoreApi): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from: number | null = 1;
  while (from !== null) {
    const page = await store.readAll({ from, limit: MAX_PAGE });
    events.push(...page.events);
    from = page.next;
  }
  return events;
}
