import type { EventfoldApi, LogFilter, LogSource, PushEvents } from '../../../../shared/contract.js';
import type { RecordedEvent } from '../../../../shared/event.js';
import { PageCache } from './page-cache.js';
import { PageRequests } from './page-requests.js';
import { errorText } from '../../../../shared/error-text.js';

export const PAGE_SIZE = 100;
/** 40 pages of 100 rows: a few screens either side of the one shown, whatever the log's size. */
export const CACHE_PAGES = 40;

export type WindowStatus = 'opening' | 'ready' | 'error';

/**
 * One log view on the server and the pages of it this page holds. It knows nothing of scrolling: the
 * component asks for rows by index and says which ones are on screen.
 */
export class LogWindow {
  status = $state<WindowStatus>('opening');
  error = $state<string | null>(null);
  /** Rows the view shows; held still while paused. */
  shown = $state(0);
  /** Matching events the server has counted so far. */
  latest = $state(0);
  complete = $state(true);
  scanned = $state(0);
  total = $state(0);
  paused = $state(false);
  /** Matches known when the view last became complete: what a scan found, as opposed to new arrivals. */
  found = $state(0);
  /** Bumped when a page arrives, so rows read through `row()` update. */
  #arrivals = $state(0);

  readonly #api: EventfoldApi;
  readonly #cache = new PageCache<RecordedEvent>(PAGE_SIZE, CACHE_PAGES);
  readonly #loading = new PageRequests();
  #view: string | null = null;
  /** Answers for an older view (the filter changed meanwhile) are dropped by comparing this. */
  #generation = 0;
  readonly #unsubscribe: (() => void)[];

  constructor(api: EventfoldApi) {
    this.#api = api;
    this.#unsubscribe = [
      api.on('log.progress', (progress) => this.#onProgress(progress)),
      api.on('log.appended', () => this.#onAppended()),
    ];
  }

  get view(): string | null {
    return this.#view;
  }

  /** Opens a new view for a source and filter, closing the previous one. */
  async open(source: LogSource, filter: LogFilter | undefined): Promise<void> {
    const generation = ++this.#generation;
    this.#closeView();
    this.#cache.clear();
    this.#loading.clear();
    this.status = 'opening';
    this.error = null;
    // A pause holds one view's rows; a new view shows what it finds.
    this.paused = false;
    try {
      const opened = await this.#api.call('log.open', filter === undefined ? { source } : { source, filter });
      if (generation !== this.#generation) {
        void this.#api.call('log.close', { view: opened.view }).catch(() => undefined);
        return;
      }
      this.#view = opened.view;
      this.latest = opened.count;
      this.shown = opened.count;
      this.complete = opened.complete;
      this.found = opened.complete ? opened.count : 0;
      this.scanned = 0;
      this.total = 0;
      this.status = 'ready';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }

  /** The event at a view index if its page is held; reading it makes the caller update when pages arrive. */
  row(index: number): RecordedEvent | undefined {
    void this.#arrivals;
    return this.#cache.row(index);
  }

  /** Loads the pages covering indexes first..last (inclusive) that are not held yet. */
  ensure(first: number, last: number): void {
    if (this.#view === null || this.shown === 0) return;
    const end = Math.min(last, this.shown - 1);
    for (let page = this.#cache.pageOf(Math.max(0, first)); page <= this.#cache.pageOf(end); page++) {
      // A last page read when it was short stays on screen (its rows are right) while it is read again.
      const held = this.#cache.rowsIn(page);
      if (held !== undefined && held >= Math.min(PAGE_SIZE, this.shown - page * PAGE_SIZE))
        this.#cache.touch(page);
      else void this.#load(page);
    }
  }

  /** The event at an index, loading its page when needed. */
  async eventAt(index: number): Promise<RecordedEvent | undefined> {
    if (index < 0 || index >= this.shown) return undefined;
    const page = this.#cache.pageOf(index);
    if (this.#cache.row(index) === undefined) await this.#load(page);
    return this.#cache.row(index);
  }

  /** The index of the first event at or after a position or a time (the view's count when none). */
  async locate(where: { readonly position: number } | { readonly time: string }): Promise<number> {
    if (this.#view === null) return 0;
    const { index } = await this.#api.call('log.locate', { view: this.#view, ...where });
    return index;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.#show(this.latest);
  }

  dispose(): void {
    this.#generation++;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#closeView();
  }

  #onProgress(progress: PushEvents['log.progress']): void {
    if (progress.view !== this.#view) return;
    if (progress.complete && !this.complete) this.found = progress.count;
    this.complete = progress.complete;
    this.scanned = progress.scanned;
    this.total = progress.total;
    this.#counted(progress.count);
  }

  /**
   * Events were committed somewhere. The view's own count arrives as `log.progress`, which the server paces;
   * reading the page being filled now brings the new rows (and the count) one push sooner.
   */
  #onAppended(): void {
    if (this.#view === null || this.paused || this.status !== 'ready') return;
    void this.#load(this.#cache.pageOf(this.shown));
  }

  #counted(count: number): void {
    if (count === this.latest) return;
    this.latest = count;
    if (!this.paused) this.#show(count);
  }

  #show(count: number): void {
    if (count === this.shown) return;
    if (count < this.shown) this.#cache.clear();
    this.shown = count;
    this.#arrivals++;
  }

  #load(page: number): Promise<void> {
    const view = this.#view;
    if (view === null) return Promise.resolve();
    const pending = this.#loading.get(page);
    if (pending) return pending;
    const generation = this.#generation;
    const settle = (): boolean => {
      this.#loading.settle(page, loading);
      return generation === this.#generation;
    };
    const loading: Promise<void> = this.#api
      .call('log.page', { view, index: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then(
        (answer) => {
          if (!settle()) return;
          if (answer.count > this.latest) this.#counted(answer.count);
          this.#cache.put(page, answer.events);
          this.#arrivals++;
          const short =
            answer.events.length < PAGE_SIZE && page * PAGE_SIZE + answer.events.length < this.shown;
          // Read just before the server counted the rows now shown after it: read it once more.
          if (short && answer.count < this.shown) void this.#load(page);
        },
        (error: unknown) => {
          if (!settle()) return;
          this.status = 'error';
          this.error = errorText(error);
        },
      );
    this.#loading.add(page, loading);
    return loading;
  }

  #closeView(): void {
    const view = this.#view;
    this.#view = null;
    if (view !== null) void this.#api.call('log.close', { view }).catch(() => undefined);
  }
}
