import { SvelteMap } from 'svelte/reactivity';
import type { CategorySummary, EventfoldApi } from '../../../shared/contract.js';
import { errorText } from '../../../shared/error-text.js';
import { StreamPage } from './stream-page.svelte.js';

interface TypeCount {
  readonly type: string;
  readonly events: number;
}

/**
 * What the folder view shows: categories (each opened to a page of its streams), event types, and the streams
 * matching the name filter. Refreshed as the folder changes; a refresh keeps what is open.
 */
export class FolderOverview {
  categories = $state<readonly CategorySummary[] | null>(null);
  types = $state<readonly TypeCount[] | null>(null);
  error = $state<string | null>(null);
  pattern = $state('');
  /** Streams matching the filter, while there is one. */
  matches = $state<StreamPage | null>(null);
  readonly expanded = new SvelteMap<string, StreamPage>();
  /** Counts requests to focus the name filter, which the filter field follows. */
  focusRequests = $state(0);

  readonly #api: EventfoldApi;

  constructor(api: EventfoldApi) {
    this.#api = api;
  }

  async refresh(): Promise<void> {
    try {
      const [categories, types] = await Promise.all([
        this.#api.call('streams.categories', undefined),
        this.#api.call('events.types', undefined),
      ]);
      this.categories = categories;
      this.types = types;
      this.error = null;
    } catch (error) {
      this.error = errorText(error);
    }
    await Promise.all(
      [...this.expanded.values(), ...(this.matches ? [this.matches] : [])].map((page) => page.reload()),
    );
  }

  filter(pattern: string): void {
    this.pattern = pattern;
    const trimmed = pattern.trim();
    if (trimmed === '') {
      this.matches = null;
      return;
    }
    this.matches = new StreamPage(this.#api, { pattern: trimmed });
    void this.matches.reload();
  }

  focusFilter(): void {
    this.focusRequests++;
  }

  toggle(category: string): void {
    if (this.expanded.has(category)) {
      this.expanded.delete(category);
      return;
    }
    const page = new StreamPage(this.#api, { category });
    this.expanded.set(category, page);
    void page.reload();
  }
}
