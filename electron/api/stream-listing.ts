import type { CategorySummary, StreamSummary } from '../../shared/contract.js';
import type { EventStore, StreamInfo } from '../store/index.js';
import type { HandlerMap } from './session-context.js';
import { streamNameMatcher } from './wildcard.js';

const DEFAULT_LIMIT = 100;

type StreamRequests = Pick<HandlerMap, 'streams.list' | 'streams.categories' | 'events.types'>;

/** While a large folder is still being indexed, these describe the part indexed so far (the page refreshes on folder.changed). */
export const streamHandlers: StreamRequests = {
  'streams.list': async (arg, session) => {
    const { store } = session.folder('streams.list');
    const all = store.streams();
    const matches = streamNameMatcher(arg.pattern ?? '');
    const matched = all
      .filter(
        (info) => (arg.category === undefined || info.category === arg.category) && matches(info.stream),
      )
      .sort(byRecentActivity);
    const offset = arg.offset ?? 0;
    const page = matched.slice(offset, offset + (arg.limit ?? DEFAULT_LIMIT));
    // Only the streams on the page need a time, and reading it costs a line each.
    const times = await timesAt(
      store,
      page.map((info) => info.lastPosition),
    );
    const streams: StreamSummary[] = page.map((info) => ({
      stream: info.stream,
      category: info.category,
      events: info.events,
      lastRevision: info.lastRevision,
      lastPosition: info.lastPosition,
      lastTime: times.get(info.lastPosition) ?? '',
    }));
    return { total: all.length, matched: matched.length, streams };
  },

  'streams.categories': async (_arg, session) => {
    const { store } = session.folder('streams.categories');
    const categories = new Map<string, { streams: number; events: number; lastPosition: number }>();
    for (const info of store.streams()) {
      const entry = categories.get(info.category) ?? { streams: 0, events: 0, lastPosition: 0 };
      entry.streams++;
      entry.events += info.events;
      entry.lastPosition = Math.max(entry.lastPosition, info.lastPosition);
      categories.set(info.category, entry);
    }
    const times = await timesAt(
      store,
      [...categories.values()].map((entry) => entry.lastPosition),
    );
    return [...categories]
      .map(([category, entry]): CategorySummary => ({
        category,
        ...entry,
        lastTime: times.get(entry.lastPosition) ?? '',
      }))
      .sort((a, b) => b.lastPosition - a.lastPosition);
  },

  'events.types': (_arg, session) => Promise.resolve(session.folder('events.types').store.eventTypes()),
};

const byRecentActivity = (a: StreamInfo, b: StreamInfo): number => b.lastPosition - a.lastPosition;

async function timesAt(store: EventStore, positions: readonly number[]): Promise<Map<number, string>> {
  const events = await store.readPositions([...positions].sort((a, b) => a - b));
  return new Map(events.map((event) => [event.position, event.time]));
}
