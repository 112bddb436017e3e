import type { EventfoldApi, StreamSummary } from '../../../shared/contract.js';
import { errorText } from '../../../shared/error-text.js';

const PAGE = 100;

/** The streams of a category or a name filter, a page at a time (a folder may hold millions of streams). */
export class StreamPage {
  streams = $state<StreamSummary[]>([]);
  matched = $state(0);
  loading = $state(false);
  error = $state<string | null>(null);
  loaded = $state(false);

  readonly #api: EventfoldApi;
  readonly #query: { readonly pattern?: string; readonly category?: string };
  #generation = 0;

  constructor(api: EventfoldApi, query: { readonly pattern?: string; readonly category?: string }) {
    this.#api = api;
    this.#query = query;
  }

  get hasMore(): boolean {
    return this.streams.length < this.matched;
  }

  /** Loads the first page again (counts changed), as many streams as are shown now. */
  async reload(): Promise<void> {
    await this.#fetch(0, Math.max(PAGE, Math.min(this.streams.length, 1000)), true);
  }

  async more(): Promise<void> {
    if (this.loading || !this.hasMore) return;
    await this.#fetch(this.streams.length, PAGE, false);
  }

  async #fetch(offset: number, limit: number, replace: boolean): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    try {
      const page = await this.#api.call('streams.list', { ...this.#query, offset, limit });
      if (generation !== this.#generation) return;
      this.streams = replace ? [...page.streams] : [...this.streams, ...page.streams];
      this.matched = page.matched;
      this.error = null;
      this.loaded = true;
    } catch (error) {
      if (generation === this.#generation) this.error = errorText(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
