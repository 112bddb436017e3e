import { OVERVIEW_ROUTE, overviewRoutes } from './routes.js';
import type { ViewDefinition } from '../view-definition.js';

/** The folder's overview: totals, categories and their streams, event types. Where a folder opens. */
export const overviewView: ViewDefinition = {
  id: 'overview',
  routes: overviewRoutes,
  page: () => import('./OverviewPage.svelte'),
  title: () => 'Overview',
  actions: [
    {
      id: 'go.overview',
      label: 'Go to the overview',
      group: 'Go to',
      keys: ['g o'],
      menuKeys: 'CmdOrCtrl+1',
      keywords: 'folder home categories streams types',
      enabled: ({ workspace }) => workspace !== null,
      run: ({ workspace }) => workspace?.navigation.showOverview(),
    },
  ],
};

export { OVERVIEW_ROUTE };
