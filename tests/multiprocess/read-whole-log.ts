import type { RecordedEvent } from '../../shared/event.js';
import { MAX_PAGE, type EventStore } from '../../electron/store/index.js';

/** Every event of the folder in position order, read a page at a time as any client would. */
export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from: number | null = 1;
  while (from !== null) {
    const page = await store.readAll({ from, limit: MAX_PAGE });
    events.push(...page.events);
    from = page.next;
  }
  return events;
}
