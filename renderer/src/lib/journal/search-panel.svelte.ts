import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { SearchHit, SearchResults } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import type { JournalSession } from './journal-session.svelte.js';
import { endOfDay, startOfDay } from './local-days.js';

/** The search panel's filters; days are the user's local days. */
export interface SearchFilters {
  readonly channels: readonly JournalId[];
  readonly tags: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  readonly hasAttachment: boolean;
}

export const noFilters: SearchFilters = {
  channels: [],
  tags: [],
  from: null,
  to: null,
  hasAttachment: false,
};

const PAGE = 20;
const TYPING_PAUSE_MS = 150;

/**
 * The journal's search (Ctrl+K): the query and filters, results as the search read model answers them
 * (capped and paged there), "more" paging, and the index's state while it catches up. Only the newest
 * search's answer is shown: a slow answer to an old query never replaces a newer one.
 */
export class SearchPanel {
  query = $state('');
  filters = $state.raw<SearchFilters>(noFilters);
  hits = $state.raw<readonly SearchHit[]>([]);
  total = $state(0);
  capped = $state(false);
  status = $state<'idle' | 'searching' | 'ready' | 'error'>('idle');
  error = $state<string | null>(null);
  /** Set while the index is still catching up with the log: results may miss the newest messages. */
  indexNote = $state<string | null>(null);
  loadingMore = $state(false);

  readonly hasMore = $derived(this.hits.length < this.total);
  readonly active = $derived(this.query.trim() !== '' || this.filters.tags.length > 0);

  readonly #session: JournalSession;
  #ticket = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(session: JournalSession) {
    this.#session = session;
  }

  /** Sets the query (typing): searches after a short pause. */
  type(query: string): void {
    this.query = query;
    this.#soon();
  }

  setFilters(change: Partial<SearchFilters>): void {
    this.filters = { ...this.filters, ...change };
    void this.search();
  }

  /** Opens the panel on a tag (a `#tag` clicked in a message). */
  showTag(tag: string): void {
    this.filters = { ...noFilters, tags: [tag] };
    this.query = '';
    void this.search();
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#ticket++;
    this.query = '';
    this.filters = noFilters;
    this.hits = [];
    this.total = 0;
    this.capped = false;
    this.status = 'idle';
    this.error = null;
  }

  /** Searches now with the query and filters shown. */
  async search(): Promise<void> {
    clearTimeout(this.#timer);
    const ticket = ++this.#ticket;
    if (!this.active) {
      this.hits = [];
      this.total = 0;
      this.status = 'idle';
      return;
    }
    this.status = 'searching';
    this.error = null;
    try {
      const results = await this.#ask(0);
      if (ticket !== this.#ticket) return;
      this.#show(results, false);
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }

  async more(): Promise<void> {
    if (!this.hasMore || this.loadingMore || this.status !== 'ready') return;
    const ticket = this.#ticket;
    this.loadingMore = true;
    try {
      const results = await this.#ask(this.hits.length);
      if (ticket === this.#ticket) this.#show(results, true);
    } catch (error) {
      if (ticket === this.#ticket) this.error = errorText(error);
    } finally {
      this.loadingMore = false;
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#ticket++;
  }

  #soon(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.search(), TYPING_PAUSE_MS);
  }

  #ask(offset: number): Promise<SearchResults> {
    const { channels, tags, from, to, hasAttachment } = this.filters;
    const zone = this.#session.timeZone;
    // A tag alone is a search too: the tag's own word is the query the index matches on.
    const query = this.query.trim() === '' ? (tags[0] ?? '') : this.query.trim();
    return this.#session.api.call('journal.search', {
      query,
      offset,
      limit: PAGE,
      ...(channels.length > 0 ? { channels: [...channels] } : {}),
      ...(tags.length > 0 ? { tags: [...tags] } : {}),
      ...(from === null ? {} : { from: startOfDay(from, zone) }),
      ...(to === null ? {} : { to: endOfDay(to, zone) }),
      ...(hasAttachment ? { hasAttachment: true } : {}),
    });
  }

  #show(results: SearchResults, append: boolean): void {
    this.hits = append ? [...this.hits, ...results.hits] : results.hits;
    this.total = results.total;
    this.capped = results.capped;
    this.status = 'ready';
    const index = results.index;
    this.indexNote =
      index.state === 'catching-up'
        ? `The search index is catching up (${index.position.toLocaleString('en-US')} of ${index.lastPosition.toLocaleString('en-US')} events): newer messages may be missing.`
        : index.state === 'faulted'
          ? `The search index stopped: ${index.error ?? 'unknown error'}.`
          : null;
  }
}
