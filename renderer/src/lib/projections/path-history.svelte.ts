import type { EventfoldApi } from '../../../../shared/contract.js';
import type { JsonPathStep } from '../json-path.js';
import { errorText } from '../../../../shared/error-text.js';
import { historyRows, type HistoryRow } from './history-rows.js';
import { LatestAnswer } from './latest-answer.js';

/** Changes listed per page: enough to scan, few enough that the first page comes quickly. */
export const HISTORY_PAGE = 50;

/** The events that changed one path of a projection's state, oldest first, a page at a time. */
export class PathHistory {
  path = $state<readonly JsonPathStep[] | null>(null);
  rows = $state<readonly HistoryRow[]>([]);
  /** Where the next page starts; null when the whole log has been looked at. */
  next = $state<number | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);

  readonly #api: EventfoldApi;
  readonly #name: string;
  readonly #answers = new LatestAnswer();

  constructor(api: EventfoldApi, name: string) {
    this.#api = api;
    this.#name = name;
  }

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
    this.loading = true;
    this.#answers.run(
      () =>
        this.#api.call('projection.history', {
          name: this.#name,
          path,
          limit: HISTORY_PAGE,
          ...(from === undefined ? {} : { from }),
        }),
      (page) => {
        this.rows = [...this.rows, ...historyRows(page.changes)];
        this.next = page.next;
        this.error = null;
        this.loading = false;
      },
      (error) => {
        this.error = errorText(error);
        this.loading = false;
      },
    );
  }
}
