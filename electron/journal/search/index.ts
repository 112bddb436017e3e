/**
 * The journal's search read model: MiniSearch in a worker thread, fed in log order, saved in the folder's
 * cache/ with the position it covers (docs/JOURNAL.md describes what it finds).
 */
export { JournalSearch } from './journal-search.js';
export type { JournalSearchOptions } from './journal-search.js';
export { storeEventFeed } from './event-feed.js';
export type { EventFeed, FeedSubscription } from './event-feed.js';
export { searchCacheFile } from './search-cache.js';
export { DEFAULT_LIMIT, MAX_HITS } from './search-query.js';
export type { SearchPage, SearchQuery } from './search-query.js';
export { MessageIndex, MESSAGE_INDEX_OPTIONS, SEARCH_INDEX_VERSION } from './message-index.js';
export type { WorkerMemory } from './search-worker-protocol.js';
