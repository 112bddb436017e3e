import type { ProjectionEvent } from '../fold-runtime.js';
import type { BuiltinProjection } from './builtin-projection.js';
import { setKey } from './json-keys.js';

export interface StreamStatistics {
  events: number;
  /** Events per type. */
  types: Record<string, number>;
  /** Events per type per UTC day (YYYY-MM-DD). */
  days: Record<string, Record<string, number>>;
  /** Events per stream. */
  streams: Record<string, number>;
  /** Events per category (the stream's part before the first '-'). */
  categories: Record<string, number>;
}

function increment(counts: Record<string, number>, key: string): void {
  setKey(counts, key, (Object.hasOwn(counts, key) ? (counts[key] ?? 0) : 0) + 1);
}

function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}

export function countEvent(state: StreamStatistics, event: ProjectionEvent): void {
  state.events++;
  increment(state.types, event.type);
  const day = event.time.slice(0, 10);
  if (!Object.hasOwn(state.days, day)) setKey(state.days, day, {});
  increment(state.days[day]!, event.type);
  increment(state.streams, event.stream);
  increment(state.categories, categoryOf(event.stream));
}

/** Counts of every event in the folder: by type, by day and type, by stream, by category. */
export const streamStatistics: BuiltinProjection = {
  name: 'stream-statistics',
  description: 'Events per type, per day and type, per stream and per category',
  version: 1,
  define(api) {
    api.fromAll().when({
      $init: (): StreamStatistics => ({ events: 0, types: {}, days: {}, streams: {}, categories: {} }),
      $any: (state: StreamStatistics, event: ProjectionEvent) => countEvent(state, event),
    });
  },
};
