import type { JsonValue, RecordedEvent } from '../../../shared/event.js';
import type { EventStoreApi, StreamAppend } from '../../../electron/store/index.js';

/** What a test expects to read back of an event (the store chooses id and time). */
export interface ExpectedEvent {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: JsonValue;
}

/** Stream names chosen to exercise categories: 'order' and 'orderly-1' are not in category 'order-…' alike. */
export const SAMPLE_STREAMS = [
  'order-1',
  'order-2',
  'user-1',
  'order',
  'orderly-1',
  'order-3',
  'user-2',
  'Ä-ünï-😀',
] as const;
const TYPES = ['Placed', 'Paid', 'Shipped', 'Registered', 'Placed'] as const;

/**
 * Appends about `count` events across the sample streams, some in multi-event appends; returns the log as
 * expected. `inOneGo` sends the same appends as one appendMany (one write instead of one an append).
 */
export async function writeSampleLog(
  store: EventStoreApi,
  count = 250,
  { inOneGo = false } = {},
): Promise<ExpectedEvent[]> {
  const log: ExpectedEvent[] = [];
  const appends: StreamAppend[] = [];
  const revisions = new Map<string, number>();
  for (let i = 0; log.length < count; i++) {
    const stream = SAMPLE_STREAMS[i % SAMPLE_STREAMS.length] as string;
    const size = i % 10 === 0 ? 3 : 1;
    const events = Array.from({ length: size }, (_, part) => ({
      type: TYPES[(i + part) % TYPES.length] as string,
      data: { i, part, text: `event ${log.length + part + 1}` },
    }));
    if (inOneGo) appends.push({ stream, events });
    else await store.appendToStream(stream, events);
    for (const event of events) {
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      log.push({ position: log.length + 1, stream, revision, ...event });
    }
  }
  if (inOneGo) await store.appendMany(appends);
  return log;
}

export function asExpected(events: readonly RecordedEvent[]): ExpectedEvent[] {
  return events.map(({ position, stream, revision, type, data }) => ({
    position,
    stream,
    revision,
    type,
    data,
  }));
}
