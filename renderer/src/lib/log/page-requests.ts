/** Page reads in flight, one per page, so that scrolling over a page being read does not read it again. */
export class PageRequests {
  readonly #pending = new Map<number, Promise<void>>();

  get(page: number): Promise<void> | undefined {
    return this.#pending.get(page);
  }

  add(page: number, request: Promise<void>): void {
    this.#pending.set(page, request);
  }

  /** Forgets a finished read, unless a newer read of the same page replaced it. */
  settle(page: number, request: Promise<void>): void {
    if (this.#pending.get(page) === request) this.#pending.delete(page);
  }

  clear(): void {
    this.#pending.clear();
  }
}
