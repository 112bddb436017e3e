import { isCalendarDay, isJournalId, isJournalTime } from '../../../../shared/journal/journal-values.js';
import type { JournalId, JournalTime } from '../../../../shared/journal/journal-values.js';
import { queryText, type Place, type RouteDefinition } from '../routing/route-table.js';

/** The journal's main area: a channel's messages, or one of the journal-wide pages. */
export type JournalPage = 'channel' | 'deleted' | 'statistics' | 'on-this-day';

/**
 * Where the reader is in the journal, as much as a link should carry: the channel, a message to show
 * (a search result, a reply's original), a day jumped to, the moment of an as-of view, the search
 * panel's query and tag, and the page. Read from and written to the app's address by the journal's routes
 * below; anything malformed is dropped (a hand-edited link opens the journal, never an error page).
 */
export interface JournalRoute {
  readonly page: JournalPage;
  readonly channel: JournalId | null;
  readonly message: JournalId | null;
  readonly date: string | null;
  readonly asOf: JournalTime | null;
  /** The search panel's query; null when the panel is closed (or shows a tag alone). */
  readonly search: string | null;
  readonly tag: string | null;
}

export const journalHome: JournalRoute = {
  page: 'channel',
  channel: null,
  message: null,
  date: null,
  asOf: null,
  search: null,
  tag: null,
};

/** Route names: `#/journal`, `#/journal/channel/ID`, `#/journal/deleted`, … */
export const JOURNAL_ROUTE = {
  home: 'journal',
  channel: 'journal.channel',
  deleted: 'journal.deleted',
  statistics: 'journal.statistics',
  onThisDay: 'journal.on-this-day',
} as const;

/** Kept on every journal route: the as-of moment, the search panel, and the import dialog. */
const SHARED_KEYS = ['asof', 'q', 'tag', 'import'];

export const journalRoutes: readonly RouteDefinition[] = [
  { name: JOURNAL_ROUTE.home, path: '/journal', query: SHARED_KEYS },
  {
    name: JOURNAL_ROUTE.channel,
    path: '/journal/channel/:channel',
    query: ['message', 'date', ...SHARED_KEYS],
  },
  { name: JOURNAL_ROUTE.deleted, path: '/journal/deleted', query: SHARED_KEYS },
  { name: JOURNAL_ROUTE.statistics, path: '/journal/statistics', query: SHARED_KEYS },
  { name: JOURNAL_ROUTE.onThisDay, path: '/journal/on-this-day', query: SHARED_KEYS },
];

const PAGE_ROUTES: Readonly<Record<Exclude<JournalPage, 'channel'>, string>> = {
  deleted: JOURNAL_ROUTE.deleted,
  statistics: JOURNAL_ROUTE.statistics,
  'on-this-day': JOURNAL_ROUTE.onThisDay,
};

export function isJournalPlace(place: Place): boolean {
  return place.route === JOURNAL_ROUTE.home || place.route.startsWith('journal.');
}

/** The journal place a route names (the app's address). */
export function journalPlace(route: JournalRoute, extra: { readonly import?: string } = {}): Place {
  const query: Record<string, string> = {};
  if (route.page === 'channel' && route.message !== null) query.message = route.message;
  if (route.page === 'channel' && route.date !== null) query.date = route.date;
  if (route.asOf !== null) query.asof = route.asOf;
  if (route.search !== null) query.q = route.search;
  if (route.tag !== null) query.tag = route.tag;
  if (extra.import !== undefined) query.import = extra.import;
  if (route.page !== 'channel') return { route: PAGE_ROUTES[route.page], params: {}, query };
  if (route.channel === null) return { route: JOURNAL_ROUTE.home, params: {}, query };
  return { route: JOURNAL_ROUTE.channel, params: { channel: route.channel }, query };
}

/** The journal route of a place of the journal's routes. */
export function journalRouteOf(place: Place): JournalRoute {
  const text = (key: string) => queryText(place.query, key) ?? null;
  const id = (value: string | null | undefined) => (isJournalId(value) ? value : null);
  const page: JournalPage =
    place.route === JOURNAL_ROUTE.deleted
      ? 'deleted'
      : place.route === JOURNAL_ROUTE.statistics
        ? 'statistics'
        : place.route === JOURNAL_ROUTE.onThisDay
          ? 'on-this-day'
          : 'channel';
  const date = text('date');
  const asOf = text('asof');
  const search = text('q');
  const tag = text('tag');
  return {
    page,
    channel: id(place.params.channel),
    message: id(text('message')),
    date: isCalendarDay(date) ? date : null,
    asOf: isJournalTime(asOf) ? asOf : null,
    search: search === null ? null : search.slice(0, 500),
    tag: tag === null || tag === '' ? null : tag.slice(0, 64),
  };
}

export function sameRoute(a: JournalRoute, b: JournalRoute): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
