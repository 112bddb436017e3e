/**
 * The window's address and history, as the router uses them: read the hash, add or replace an entry, hear
 * Back, Forward and a hash typed by hand. Tests give the router a `MemoryAddressBar` instead.
 */
export interface AddressBar {
  /** The current hash, `#` included (empty when there is none). */
  readonly hash: string;
  push(hash: string): void;
  replace(hash: string): void;
  back(): void;
  forward(): void;
  /** Calls `onchange` when the hash changes by anything but push/replace; returns the stop. */
  listen(onchange: () => void): () => void;
}

/** The real window: history entries keep the page's path and query (browser mode's `?token=`). */
export function windowAddressBar(page: Window): AddressBar {
  const urlWith = (hash: string): string => {
    const url = new URL(page.location.href);
    url.hash = hash;
    return url.href;
  };
  return {
    get hash() {
      return page.location.hash;
    },
    push: (hash) => page.history.pushState(null, '', urlWith(hash)),
    replace: (hash) => page.history.replaceState(null, '', urlWith(hash)),
    back: () => page.history.back(),
    forward: () => page.history.forward(),
    listen(onchange) {
      // Back and Forward fire popstate; a hash typed into the address bar or a link fires hashchange.
      page.addEventListener('popstate', onchange);
      page.addEventListener('hashchange', onchange);
      return () => {
        page.removeEventListener('popstate', onchange);
        page.removeEventListener('hashchange', onchange);
      };
    },
  };
}

/** History in memory, for tests and for anything that must not touch the window's. */
export class MemoryAddressBar implements AddressBar {
  #entries: string[];
  #index = 0;
  #listeners = new Set<() => void>();

  constructor(hash = '') {
    this.#entries = [hash];
  }

  get hash(): string {
    return this.#entries[this.#index]!;
  }

  /** Every entry, oldest first, and which one is current: what a test checks Back against. */
  get entries(): readonly string[] {
    return this.#entries;
  }

  get index(): number {
    return this.#index;
  }

  push(hash: string): void {
    this.#entries = [...this.#entries.slice(0, this.#index + 1), hash];
    this.#index++;
  }

  replace(hash: string): void {
    this.#entries[this.#index] = hash;
  }

  back(): void {
    if (this.#index === 0) return;
    this.#index--;
    this.#notify();
  }

  forward(): void {
    if (this.#index === this.#entries.length - 1) return;
    this.#index++;
    this.#notify();
  }

  /** A hash typed or pasted into the address bar: a new entry the app hears about. */
  type(hash: string): void {
    this.push(hash);
    this.#notify();
  }

  listen(onchange: () => void): () => void {
    this.#listeners.add(onchange);
    return () => this.#listeners.delete(onchange);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
