import type { Place, Query, RouteDefinition } from '../../lib/routing/route-table.js';
import { LOG_FILTER_KEYS } from '../log/routes.js';

export const PROJECTION_ROUTE = 'projection';

/**
 * `#/projection/NAME`: `at` is the scrubber's position, `a` and `b` the compare marks, `tab` the inspector's
 * tab; the log under the scrubber keeps its filters too.
 */
export const projectionRoutes: readonly RouteDefinition[] = [
  { name: PROJECTION_ROUTE, path: '/projection/:name', query: ['at', 'a', 'b', 'tab', ...LOG_FILTER_KEYS] },
];

export const projectionPlace = (name: string, query: Query = {}): Place => ({
  route: PROJECTION_ROUTE,
  params: { name },
  query,
});
