import { isCalendarDay, isJournalId, isJournalTime } from '../../../../shared/journal/journal-values.js';
import type { JournalId, JournalTime } from '../../../../shared/journal/journal-values.js';

/** The journal's main area: a channel's messages, or one of the journal-wide views. */
export type JournalPage = 'channel' | 'deleted' | 'statistics' | 'on-this-day';

/**
 * Where the reader is in the journal, as much as a link should carry: the channel, a message to show
 * (a search result, a reply's original), a day jumped to, the moment of an as-of view, the search
 * panel's query and tag, and the view. Parsed from and written to URL parameters; anything malformed is
 * dropped (a hand-edited link opens the journal, never an error page).
 */
export interface JournalRoute {
  readonly page: JournalPage;
  readonly channel: JournalId | null;
  readonly message: JournalId | null;
  readonly date: string | null;
  readonly asOf: JournalTime | null;
  /** The search panel's query; null when the panel is closed. */
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

const PAGES: readonly JournalPage[] = ['channel', 'deleted', 'statistics', 'on-this-day'];

export function parseJournalRoute(params: URLSearchParams): JournalRoute {
  const page = params.get('view');
  const id = (key: string) => {
    const value = params.get(key);
    return isJournalId(value) ? value : null;
  };
  const date = params.get('date');
  const asOf = params.get('asof');
  const search = params.get('q');
  const tag = params.get('tag');
  return {
    page: PAGES.includes(page as JournalPage) ? (page as JournalPage) : 'channel',
    channel: id('channel'),
    message: id('message'),
    date: isCalendarDay(date) ? date : null,
    asOf: isJournalTime(asOf) ? asOf : null,
    search: search === null ? null : search.slice(0, 500),
    tag: tag === null || tag === '' ? null : tag.slice(0, 64),
  };
}

/** The route as URL parameters, in a fixed order, leaving out what is not set (short, readable links). */
export function journalRouteParams(route: JournalRoute): URLSearchParams {
  const params = new URLSearchParams();
  if (route.page !== 'channel') params.set('view', route.page);
  if (route.channel !== null) params.set('channel', route.channel);
  if (route.message !== null) params.set('message', route.message);
  if (route.date !== null) params.set('date', route.date);
  if (route.asOf !== null) params.set('asof', route.asOf);
  if (route.search !== null) params.set('q', route.search);
  if (route.tag !== null) params.set('tag', route.tag);
  return params;
}

export function sameRoute(a: JournalRoute, b: JournalRoute): boolean {
  return journalRouteParams(a).toString() === journalRouteParams(b).toString();
}
