import { formatCount } from '../../lib/number-format.js';
import type { PaletteEntry, ViewDefinition } from '../view-definition.js';
import { PROJECTION_ROUTE, projectionRoutes } from './routes.js';

const inProjection = ({ workspace }: { workspace: { navigation: { view: { kind: string } } } | null }) =>
  workspace?.navigation.view.kind === 'projection';

/** A projection: its state at any position (the scrubber), the diff around an event, compare, history, what if. */
export const projectionView: ViewDefinition = {
  id: 'projection',
  routes: projectionRoutes,
  page: () => import('./ProjectionPage.svelte'),
  title: (place) => place.params.name ?? 'Projection',
  search: (text, { workspace }) => {
    if (workspace === null) return [];
    const typed = text.trim().toLowerCase();
    if (/^(stream|category)\b/.test(typed)) return [];
    const name = typed.replace(/^projection\s*/, '');
    const entries: PaletteEntry[] = [];
    for (const projection of workspace.projections.projections ?? []) {
      if (name !== '' && !projection.name.toLowerCase().includes(name)) continue;
      entries.push({
        id: `projection:${projection.name}`,
        label: projection.name,
        group: 'Projections',
        hint: projection.kind === 'builtin' ? 'built-in' : `projections/${projection.name}.js`,
        run: () => workspace.navigation.showProjection(projection.name),
      });
    }
    const at = /^(?:at|position)\s+#?(\d[\d,]*)$/.exec(typed)?.[1];
    if (at !== undefined && workspace.navigation.view.kind === 'projection') {
      const position = Number(at.replaceAll(',', ''));
      entries.push({
        id: `projection-at:${position}`,
        label: `Show the state at position ${formatCount(position)}`,
        group: 'Projection',
        run: () => workspace.navigation.setQuery({ at: String(position) }),
      });
    }
    return entries;
  },
  actions: [
    {
      id: 'projection.mark-a',
      label: 'Mark this position as A',
      group: 'Projection',
      keys: ['a'],
      enabled: inProjection,
    },
    {
      id: 'projection.mark-b',
      label: 'Mark this position as B (compare with A)',
      group: 'Projection',
      keys: ['b'],
      enabled: inProjection,
    },
    {
      id: 'projection.rebuild',
      label: 'Rebuild this projection',
      group: 'Projection',
      keywords: 'reset refold',
      enabled: inProjection,
    },
    { id: 'projection.tab-state', label: 'Show the state', group: 'Projection', enabled: inProjection },
    {
      id: 'projection.tab-event',
      label: 'Show the diff of this event',
      group: 'Projection',
      enabled: inProjection,
    },
    { id: 'projection.tab-compare', label: 'Compare A and B', group: 'Projection', enabled: inProjection },
    {
      id: 'projection.tab-history',
      label: 'Show the history of a path',
      group: 'Projection',
      enabled: inProjection,
    },
    {
      id: 'projection.tab-whatif',
      label: 'What if… (edit the code)',
      group: 'Projection',
      keywords: 'edit code try',
      enabled: inProjection,
    },
  ],
};

export { PROJECTION_ROUTE };
