import type { JsonPathStep } from '../json-path.js';
import { historyRows, type HistoryRow } from './history-rows.js';
import { ProjectionQuery } from './projection-query.svelte.js';

/** Changes listed per page: enough to scan, few enough that the first page comes quickly. */
export const HISTORY_PAGE = 50;

/** The events that changed one path of a projection's state, oldest first, a page at a time. */
export class PathHistory extends ProjectionQuery {
  path = $state<readonly JsonPathStep[] | null>(null);
  rows = $state<readonly HistoryRow[]>([]);
  /** Where the next page starts; null when the whole log has been looked at. */
  next = $state<number | null>(null);

  show(path: readonly JsonPathStep[]): void {
    this.path = path;
    this.rows = [];
    this.next = null;
    this.#page(undefined);
  }

  more(): void {
    if (this.next !== null) this.#page(this.next);
  }

  #page(from: number | undefined): void {
    const path = this.path;
    if (path === null) return;
    this.ask(
      () =>
        this.api.call('projection.history', {
          name: this.name,
          path,
          limit: HISTORY_PAGE,
          ...(from === undefined ? {} : { from }),
        }),
      (page) => {
        this.rows = [...this.rows, ...historyRows(page.changes)];
        this.next = page.next;
      },
    );
  }
}
