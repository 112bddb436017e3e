/**
 * The log pages the view holds: a least-recently-used map from page number to its rows. A 1M-event log
 * scrolled end to end touches 10,000 pages; only the last `capacity` stay, so memory does not grow with it.
 */
export class PageCache<Row> {
  readonly pageSize: number;
  readonly capacity: number;
  // A Map iterates in insertion order; re-inserting on use keeps the least recently used first.
  readonly #pages = new Map<number, readonly Row[]>();

  constructor(pageSize: number, capacity: number) {
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new Error(`page size must be >= 1, got ${pageSize}`);
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`capacity must be >= 1, got ${capacity}`);
    this.pageSize = pageSize;
    this.capacity = capacity;
  }

  get size(): number {
    return this.#pages.size;
  }

  pageOf(index: number): number {
    return Math.floor(index / this.pageSize);
  }

  has(page: number): boolean {
    return this.#pages.has(page);
  }

  /** The row at a view index, or undefined when its page is not held (or the page is short). */
  row(index: number): Row | undefined {
    const page = this.#pages.get(this.pageOf(index));
    return page?.[index - this.pageOf(index) * this.pageSize];
  }

  /** How many rows a held page has (a last page may be short), or undefined when it is not held. */
  rowsIn(page: number): number | undefined {
    return this.#pages.get(page)?.length;
  }

  /** Marks a page as just used, so it is the last to go. */
  touch(page: number): void {
    const rows = this.#pages.get(page);
    if (rows === undefined) return;
    this.#pages.delete(page);
    this.#pages.set(page, rows);
  }

  /** Stores a page; the least recently used ones beyond capacity are dropped. */
  put(page: number, rows: readonly Row[]): void {
    this.#pages.delete(page);
    this.#pages.set(page, rows);
    for (const oldest of this.#pages.keys()) {
      if (this.#pages.size <= this.capacity) break;
      this.#pages.delete(oldest);
    }
  }

  /** Drops a page that is no longer complete (the last page, when events were appended). */
  drop(page: number): void {
    this.#pages.delete(page);
  }

  clear(): void {
    this.#pages.clear();
  }

  pages(): number[] {
    return [...this.#pages.keys()];
  }
}
