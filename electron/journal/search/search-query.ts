import type { SearchHit } from '../../../shared/journal/index.js';

/** A search as the index takes it: the contract's `journal.search` argument with its defaults filled. */
export interface SearchQuery {
  readonly query: string;
  readonly channels?: readonly string[];
  /** Messages with every one of these tags (normalised, without `#`). */
  readonly tags?: readonly string[];
  /** Posted at or after / at or before (ISO times). */
  readonly from?: string;
  readonly to?: string;
  readonly hasAttachment?: boolean;
  readonly offset: number;
  readonly limit: number;
}

/** What the index answers; the Node side adds the index's status to make the contract's SearchResults. */
export interface SearchPage {
  readonly hits: readonly SearchHit[];
  readonly total: number;
  readonly capped: boolean;
  readonly offset: number;
}

/**
 * Matches counted and ordered at most: MiniSearch has no limit, so a query that matches most of a large
 * journal ("the") would otherwise page through tens of thousands of hits nobody reads.
 */
export const MAX_HITS = 1000;
export const DEFAULT_LIMIT = 20;
