import { untrack } from 'svelte';
import type { LogSource } from '../../../shared/contract.js';
import { logPlace, sourceOf } from '../views/log/routes.js';
import { overviewPlace, OVERVIEW_ROUTE } from '../views/overview/routes.js';
import { projectionPlace, PROJECTION_ROUTE } from '../views/projection/routes.js';
import type { NavigateOptions, QueryPatch, Router } from './routing/router.svelte.js';
import { queryInteger, queryText, type Place, type Query } from './routing/route-table.js';

/**
 * What the main area shows, for the views that ship with Eventfold: the overview, a log (of $all, a stream
 * or a category), or a projection. Any other route (a view added later) is `other`.
 */
export type MainView =
  | { readonly kind: 'overview' }
  | { readonly kind: 'log'; readonly source: LogSource }
  | { readonly kind: 'projection'; readonly name: string }
  | { readonly kind: 'other'; readonly route: string };

/** The query keys every route keeps: the event open beside the view, and the folder (when not the served one). */
export const GLOBAL_QUERY_KEYS = ['event', 'folder'] as const;

/**
 * Where the user is in a folder, read from and written to the address (see Router): the main view and the
 * event open in the panel beside it (`event`, a position). Changing the view closes the event unless the new
 * view is given it (opening the event's own stream keeps it).
 */
export class Navigation {
  /** Streams opened in this session, latest first, so the navigation can offer them again. */
  openedStreams = $state<string[]>([]);
  readonly router: Router;

  constructor(router: Router) {
    this.router = router;
  }

  get place(): Place {
    return this.router.place;
  }

  get view(): MainView {
    const place = this.router.place;
    if (place.route === OVERVIEW_ROUTE) return { kind: 'overview' };
    if (place.route === PROJECTION_ROUTE) return { kind: 'projection', name: place.params.name ?? '' };
    const source = sourceOf(place);
    return source === null ? { kind: 'other', route: place.route } : { kind: 'log', source };
  }

  /** Position of the event open beside the view. */
  get selected(): number | null {
    return queryInteger(this.router.place.query, 'event', 1) ?? null;
  }

  /** Goes to another place; the folder key stays, the open event closes unless `place` names one. */
  go(place: Place, options?: NavigateOptions): void {
    const folder = queryText(this.router.place.query, 'folder');
    this.router.navigate(
      { ...place, query: { ...place.query, ...(folder === undefined ? {} : { folder }) } },
      options,
    );
  }

  showOverview(): void {
    this.go(overviewPlace());
  }

  /** Opens a log; `event` keeps an event open (one of that log's). Showing the log already shown does nothing. */
  showLog(source: LogSource, options: { readonly event?: number } = {}): void {
    const current = this.view;
    if (current.kind === 'log' && sameSource(current.source, source)) {
      if (options.event !== undefined) this.select(options.event);
      return;
    }
    this.go(logPlace(source, options.event === undefined ? {} : { event: String(options.event) }));
  }

  showProjection(name: string, query: Query = {}): void {
    const current = this.view;
    if (current.kind === 'projection' && current.name === name && Object.keys(query).length === 0) return;
    this.go(projectionPlace(name, query));
  }

  /** Opens an event beside the view (or closes it with null). */
  select(position: number | null, options?: NavigateOptions): void {
    this.router.setQuery({ event: position === null ? undefined : String(position) }, options);
  }

  setQuery(patch: QueryPatch, options?: NavigateOptions): void {
    this.router.setQuery(patch, options);
  }

  /** Remembers a stream the user opened, for the navigation's "Opened streams". */
  remember(stream: string): void {
    // Called from a page's effect: reading the list must not make that effect depend on it.
    const known = untrack(() => this.openedStreams);
    if (known[0] === stream) return;
    this.openedStreams = [stream, ...known.filter((s) => s !== stream)].slice(0, 8);
  }
}

export function sameSource(a: LogSource, b: LogSource): boolean {
  if (a.kind === 'stream' && b.kind === 'stream') return a.stream === b.stream;
  if (a.kind === 'category' && b.kind === 'category') return a.category === b.category;
  return a.kind === b.kind;
}

/** A source's name as the navigation and window title show it. */
export function sourceLabel(source: LogSource): string {
  switch (source.kind) {
    case 'all':
      return 'All events';
    case 'stream':
      return source.stream;
    case 'category':
      return source.category === '' ? '(no category)' : `${source.category}-*`;
  }
}
