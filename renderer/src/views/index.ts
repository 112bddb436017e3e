import type { ActionDefinition } from '../lib/actions/action.js';
import { GLOBAL_QUERY_KEYS } from '../lib/navigation.svelte.js';
import { RouteTable, type Place } from '../lib/routing/route-table.js';
import { FOLDER_ACTIONS } from './folder-actions.js';
import { journalView } from './journal/definition.js';
import { logView } from './log/definition.js';
import { overviewView } from './overview/definition.js';
import { overviewPlace } from './overview/routes.js';
import { projectionView } from './projection/definition.js';
import type { ViewDefinition } from './view-definition.js';

/**
 * Every view of an open folder. A new view is one more entry here: its routes, page, actions and palette
 * search come with its definition.
 */
export const VIEWS: readonly ViewDefinition[] = [overviewView, logView, projectionView, journalView];

/** The address table of every view's routes. */
export function routeTable(views: readonly ViewDefinition[] = VIEWS): RouteTable {
  return new RouteTable(
    views.flatMap((view) => view.routes),
    GLOBAL_QUERY_KEYS,
  );
}

/** The view that shows a route. */
export function viewOf(route: string, views: readonly ViewDefinition[] = VIEWS): ViewDefinition | undefined {
  return views.find((view) => view.routes.some((known) => known.name === route));
}

/** Every action a folder has: the folder-wide ones, then each view's. */
export function folderActions(views: readonly ViewDefinition[] = VIEWS): ActionDefinition[] {
  return [...FOLDER_ACTIONS, ...views.flatMap((view) => view.actions ?? [])];
}

/** Where a folder opens when the address names no place: the first view that claims it, else the overview. */
export function landingPlace(
  folder: Parameters<NonNullable<ViewDefinition['landing']>>[0],
  views: readonly ViewDefinition[] = VIEWS,
): Place {
  for (const view of views) {
    const place = view.landing?.(folder);
    if (place != null) return place;
  }
  return overviewPlace();
}

export const FALLBACK_PLACE: Place = overviewPlace();
