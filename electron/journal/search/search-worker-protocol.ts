import type { StoredEvent } from './search-entries.js';
import type { SearchPage, SearchQuery } from './search-query.js';

/** The first line of the cache file: what the saved index covers, so a stale or foreign one is not used. */
export interface SearchCacheHeader {
  readonly format: 'eventfold-journal-search';
  /** SEARCH_INDEX_VERSION of the code that wrote it. */
  readonly version: number;
  /** The folder's manifest id. */
  readonly folder: string;
  /** The last position the index covers, and the id of the event there (0 and null for none). */
  readonly position: number;
  readonly eventId: string | null;
  readonly messages: number;
}

/** What the main thread asks of the search worker; each request is answered once, in order. */
export type SearchRequest =
  | { readonly kind: 'load'; readonly file: string }
  | { readonly kind: 'reset' }
  | { readonly kind: 'apply'; readonly events: readonly StoredEvent[] }
  | { readonly kind: 'query'; readonly query: SearchQuery }
  | {
      readonly kind: 'save';
      readonly file: string;
      readonly header: Omit<SearchCacheHeader, 'format' | 'version' | 'messages'>;
    }
  | { readonly kind: 'memory' };

export interface WorkerMemory {
  /** The worker's own JavaScript heap (its isolate), in bytes. */
  readonly heapUsed: number;
  readonly heapTotal: number;
  /** The whole process's resident set, in bytes (a worker thread has none of its own). */
  readonly rss: number;
  /** Messages in the index (not deleted). */
  readonly messages: number;
}

/** The answer to each kind of request. */
export interface SearchAnswers {
  /** The header of the index loaded from the file, or null when there was none to load (then it is empty). */
  load: SearchCacheHeader | null;
  reset: null;
  apply: { readonly messages: number };
  query: SearchPage;
  save: { readonly bytes: number };
  memory: WorkerMemory;
}

export type SearchRequestMessage = { readonly id: number } & SearchRequest;

export type SearchAnswerMessage =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };
