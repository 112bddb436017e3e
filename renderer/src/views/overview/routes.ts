import type { Place, RouteDefinition } from '../../lib/routing/route-table.js';

export const OVERVIEW_ROUTE = 'overview';

/** The folder's overview, `#/`; `streams` is its stream name filter. */
export const overviewRoutes: readonly RouteDefinition[] = [
  { name: OVERVIEW_ROUTE, path: '/', query: ['streams'] },
];

export const overviewPlace = (streams = ''): Place => ({
  route: OVERVIEW_ROUTE,
  params: {},
  query: streams === '' ? {} : { streams },
});
