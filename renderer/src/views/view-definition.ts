import type { Component } from 'svelte';
import type { FolderSummary } from '../../../shared/contract.js';
import type { ActionContext, ActionDefinition } from '../lib/actions/action.js';
import type { EarlyCall } from '../lib/api/early-calls.js';
import type { Place, RouteDefinition } from '../lib/routing/route-table.js';

/** Something the command palette found for what the user typed: a stream, a projection, a position. */
export interface PaletteEntry {
  /** Unique among the entries of one search. */
  readonly id: string;
  readonly label: string;
  readonly group: string;
  /** Shown beside the label, muted: a count, a kind. */
  readonly hint?: string;
  run(): void;
}

/**
 * Palette entries for what the user typed, beyond the fixed actions: called on each change of the text
 * (answers to older text are dropped). Only called while a folder is open.
 */
export type PaletteSearch = (
  text: string,
  context: ActionContext,
) => readonly PaletteEntry[] | Promise<readonly PaletteEntry[]>;

/**
 * A view of an open folder, everything about it in one place: its routes (addresses), the page that shows
 * them, its actions (keys, command palette, menu) and what the palette finds for it. Listing a definition in
 * views/index.ts is all it takes to add a view; the router, keys and palette need no change.
 *
 * ```ts
 * export const chatView: ViewDefinition = {
 *   id: 'journal',
 *   routes: [{ name: 'journal.channel', path: '/journal/:channel', query: ['message', 'asOf'] }],
 *   page: () => import('./ChatPage.svelte'), // gets { place }; reads the workspace with getWorkspace()
 *   actions: [{ id: 'journal.search', label: 'Search the journal', group: 'Journal', keys: ['g j'], run: … }],
 *   landing: (folder) => (isJournal(folder) ? { route: 'journal.channel', params: { channel: 'general' }, query: {} } : null),
 * };
 * ```
 */
export interface ViewDefinition {
  readonly id: string;
  readonly routes: readonly RouteDefinition[];
  /**
   * Loads the page that shows a place of one of its routes in the main area: `() => import('./Page.svelte')`,
   * so a view's code (and the packages only it uses) is fetched when the view is first shown, not with the app.
   */
  readonly page: () => Promise<{ readonly default: Component<{ place: Place }> }>;
  readonly actions?: readonly ActionDefinition[];
  readonly search?: PaletteSearch;
  /**
   * Where a folder opens when its address names no place: the first view that answers a place wins, else
   * the overview. A journal folder opens on its chat.
   */
  readonly landing?: (folder: FolderSummary) => Place | null;
  /** The window title's first part for a place of this view (`order-42`, `revenue`). */
  readonly title?: (place: Place) => string;
  /**
   * The page brings its own navigation (the journal's channel sidebar) in place of the folder's: the
   * workspace then gives it the whole width.
   */
  readonly ownNavigation?: boolean;
  /**
   * One page for all of the view's places: it stays mounted when the route or its parameters change (the
   * journal keeps its loaded channels and drafts moving between channels) and follows `place` itself.
   */
  readonly keepPage?: boolean;
  /**
   * The requests the page makes first when it opens on a place (see EarlyCalls): they are sent with the
   * connection, before the app and the page are drawn.
   */
  readonly firstCalls?: (place: Place) => readonly EarlyCall[];
}
