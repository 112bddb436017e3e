import type { JsonValue } from '../../../shared/event.js';
import { ancestorPaths, searchJson, type JsonMatch } from './json-search.js';

/** Matches counted at most: past it the tree says "1,000+". */
export const MOST_MATCHES = 1000;

/**
 * The search box over a JSON tree: what is typed, the nodes that match, which one is current, and the nodes
 * to open so that it shows. The tree marks every match and scrolls the current one into view.
 */
export class TreeSearch {
  query = $state('');
  matches = $state.raw<readonly JsonMatch[]>([]);
  truncated = $state(false);
  current = $state(0);
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  /** Searches `value` for `query` (a new value keeps the query: a state read at another position). */
  search(value: JsonValue, query: string): void {
    this.query = query;
    const found = searchJson(value, query, this.#root, MOST_MATCHES);
    this.matches = found.matches;
    this.truncated = found.truncated;
    if (this.current >= this.matches.length) this.current = 0;
  }

  step(delta: number): void {
    if (this.matches.length === 0) return;
    this.current = (this.current + delta + this.matches.length) % this.matches.length;
  }

  /** The current match's path, or null. */
  get currentPath(): string | null {
    return this.matches[this.current]?.path ?? null;
  }

  /** The paths of the nodes to open for the current match to show. */
  get opened(): readonly string[] {
    const match = this.matches[this.current];
    return match === undefined ? [] : ancestorPaths(match, this.#root);
  }
}
