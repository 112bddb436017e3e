import type { LogSource } from '../../../../shared/contract.js';
import { EMPTY_QUERY, type LogQuery } from '../../lib/log/log-query.js';
import type { QueryPatch } from '../../lib/routing/router.svelte.js';
import {
  queryList,
  queryText,
  type Place,
  type Query,
  type RouteDefinition,
} from '../../lib/routing/route-table.js';

/** The log's filters in the address: `type` repeats, times are ISO UTC as typed. */
export const LOG_FILTER_KEYS = ['type', 'streams', 'from', 'to', 'text'] as const;

export const LOG_ROUTES = { all: 'log.all', stream: 'log.stream', category: 'log.category' } as const;

/** `#/events`, `#/stream/order-42`, `#/category/order`, each with the log's filters. */
export const logRoutes: readonly RouteDefinition[] = [
  { name: LOG_ROUTES.all, path: '/events', query: LOG_FILTER_KEYS },
  { name: LOG_ROUTES.stream, path: '/stream/:stream', query: LOG_FILTER_KEYS },
  { name: LOG_ROUTES.category, path: '/category/:category', query: LOG_FILTER_KEYS },
];

export function logPlace(source: LogSource, query: Query = {}): Place {
  switch (source.kind) {
    case 'all':
      return { route: LOG_ROUTES.all, params: {}, query };
    case 'stream':
      return { route: LOG_ROUTES.stream, params: { stream: source.stream }, query };
    case 'category':
      return { route: LOG_ROUTES.category, params: { category: source.category }, query };
  }
}

/** The log source a place shows, or null when it is no log route. */
export function sourceOf(place: Place): LogSource | null {
  if (place.route === LOG_ROUTES.all) return { kind: 'all' };
  if (place.route === LOG_ROUTES.stream && place.params.stream)
    return { kind: 'stream', stream: place.params.stream };
  if (place.route === LOG_ROUTES.category && place.params.category !== undefined)
    return { kind: 'category', category: place.params.category };
  return null;
}

/** The toolbar's filters as the address holds them. */
export function logQueryOf(query: Query): LogQuery {
  return {
    types: queryList(query, 'type'),
    stream: queryText(query, 'streams') ?? '',
    from: queryText(query, 'from') ?? '',
    to: queryText(query, 'to') ?? '',
    text: queryText(query, 'text') ?? '',
  };
}

/** The address keys for the toolbar's filters (empty ones removed). */
export function logQueryPatch(query: LogQuery): QueryPatch {
  return {
    type: query.types,
    streams: query.stream,
    from: query.from,
    to: query.to,
    text: query.text,
  };
}

export { EMPTY_QUERY };
