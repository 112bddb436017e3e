import type { ViewDefinition } from '../view-definition.js';
import { LOG_ROUTES, logRoutes, sourceOf } from './routes.js';
import { searchLogs } from './log-search.js';
import { sourceLabel } from '../../lib/navigation.svelte.js';

/** The log of $all, a stream or a category, with filters, live tail and the event panel beside it. */
export const logView: ViewDefinition = {
  id: 'log',
  routes: logRoutes,
  page: () => import('./LogPage.svelte'),
  title: (place) => {
    const source = sourceOf(place);
    return source === null ? 'Log' : sourceLabel(source);
  },
  search: searchLogs,
  actions: [
    {
      id: 'go.all-events',
      label: 'Go to all events',
      group: 'Go to',
      keys: ['g a'],
      menuKeys: 'CmdOrCtrl+2',
      keywords: 'log $all everything',
      enabled: ({ workspace }) => workspace !== null,
      run: ({ workspace }) => workspace?.navigation.showLog({ kind: 'all' }),
    },
    {
      id: 'log.toggle-live',
      label: 'Live tail on/off',
      group: 'Log',
      keys: ['l'],
      menuKeys: 'CmdOrCtrl+L',
      keywords: 'pause resume follow tail',
    },
    { id: 'log.oldest', label: 'Go to the oldest events', group: 'Log', keywords: 'top first start' },
    { id: 'log.newest', label: 'Go to the newest events', group: 'Log', keywords: 'bottom last end' },
    { id: 'log.clear-filters', label: 'Clear the filters', group: 'Log', keywords: 'reset remove' },
  ],
};

export { LOG_ROUTES };
