import { errorText } from '../../../../shared/error-text.js';
import type { JsonPathStep } from '../json-path.js';
import { historyRows, type HistoryRow } from './history-rows.js';
import { ProjectionQuery } from './projection-query.svelte.js';

/** Changes listed per page: enough to scan, few enough that the first page comes quickly. */
export const HISTORY_PAGE = 50;
/** Changes counted a request while the total is counted (the rows are not kept). */
export const COUNT_PAGE = 1000;

/** The events that changed one path of a projection's state, oldest first, a page at a time. */
export class PathHistory extends ProjectionQuery {
  path = $state<readonly JsonPathStep[] | null>(null);
  rows = $state<readonly HistoryRow[]>([]);
  /** Where the next page starts; null when the whole log has been looked at. */
  next = $state<number | null>(null);
  /** How many events changed the path in the whole log; null while they are being counted. */
  total = $state<number | null>(null);
  /** Changes counted so far, and the position the count has reached, while counting. */
  counted = $state(0);
  countedTo = $state(0);
  /** Why the count stopped, if it failed (the rows shown stay right). */
  countError = $state<string | null>(null);
  #counting = 0;

  show(path: readonly JsonPathStep[]): void {
    this.path = path;
    this.rows = [];
    this.next = null;
    this.#page(undefined);
    void this.#count(path);
  }

  /** Counts again from the start (the projection was rebuilt or reloaded). */
  recount(): void {
    if (this.path === null) return;
    const path = this.path;
    this.rows = [];
    this.next = null;
    this.#page(undefined);
    void this.#count(path);
  }

  /**
   * Counts every change of the path, a large page at a time, beside the rows shown: the list pages, the
   * header says "412 changes" once it knows (and how far it has counted until then).
   */
  async #count(path: readonly JsonPathStep[]): Promise<void> {
    const run = ++this.#counting;
    this.total = null;
    this.counted = 0;
    this.countedTo = 0;
    this.countError = null;
    let from: number | undefined;
    try {
      for (;;) {
        const page = await this.api.call('projection.history', {
          name: this.name,
          path,
          limit: COUNT_PAGE,
          ...(from === undefined ? {} : { from }),
        });
        if (run !== this.#counting) return;
        this.counted += page.changes.length;
        this.countedTo = page.next ?? this.countedTo;
        if (page.next === null) {
          this.total = this.counted;
          return;
        }
        from = page.next;
      }
    } catch (error) {
      if (run === this.#counting) this.countError = errorText(error);
    }
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
