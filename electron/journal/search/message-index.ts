import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import { normalizeTag } from '../../../shared/journal/index.js';
import { excerptOf } from './search-excerpt.js';
import {
  entryOfRow,
  entryRow,
  SearchEntries,
  tagsOfEntry,
  type EntryRow,
  type IndexChange,
  type SearchEntry,
  type StoredEvent,
} from './search-entries.js';
import { MAX_HITS, type SearchPage, type SearchQuery } from './search-query.js';
import { foldTerm, isEmojiTerm, termsOf, tokenize } from './search-terms.js';

interface IndexedDocument {
  readonly id: string;
  readonly text: string;
  readonly tags: string;
}

/**
 * The index's options, the same when it is built and when it is loaded from the cache (MiniSearch
 * requires it). Bump SEARCH_INDEX_VERSION whenever they, or how text is cut into terms, change: an index
 * saved by another version is rebuilt rather than misread.
 */
export const SEARCH_INDEX_VERSION = 1;

const OPTIONS: Options<IndexedDocument> = {
  fields: ['text', 'tags'],
  tokenize,
  processTerm: foldTerm,
  searchOptions: {
    // Every word of the query must match (as in Telegram's and Day One's search), each exactly, as the
    // start of a word (the last one is usually still being typed) or, for longer words, with a typo.
    combineWith: 'AND',
    prefix: (term) => term.length >= 2 && !isEmojiTerm(term),
    // One edit from 4 letters, two from 7 (a swapped pair of letters, the commonest typo, is two edits).
    fuzzy: (term) => (isEmojiTerm(term) || term.length < 4 ? false : term.length < 7 ? 1 : 2),
    maxFuzzy: 2,
    boost: { text: 1, tags: 1.5 },
  },
};

/** The data a saved index is made of (see search-cache.ts for the file around it). */
export interface MessageIndexData {
  readonly entries: readonly EntryRow[];
  readonly index: AsPlainObject;
}

/**
 * The search read model itself, on one thread: MiniSearch over the journal's messages (text and tags),
 * with the entries beside it for filters, ordering and excerpts. Events are applied in log order; a query
 * answers a page of hits. The worker (search-worker.ts) owns one; tests use one directly.
 */
export class MessageIndex {
  private readonly fold = new SearchEntries();

  private constructor(private readonly search: MiniSearch<IndexedDocument>) {}

  static empty(): MessageIndex {
    return new MessageIndex(new MiniSearch(OPTIONS));
  }

  static load(data: MessageIndexData): MessageIndex {
    const index = new MessageIndex(MiniSearch.loadJS(data.index, OPTIONS));
    for (const row of data.entries) {
      const entry = entryOfRow(row);
      index.fold.entries.set(entry.message, entry);
    }
    return index;
  }

  /** Messages not deleted. */
  get size(): number {
    return this.search.documentCount;
  }

  get unreadable(): number {
    return this.fold.unreadable;
  }

  apply(events: readonly StoredEvent[]): void {
    for (const event of events) {
      const change = this.fold.apply(event);
      if (change !== undefined) this.change(change);
    }
  }

  private change(change: IndexChange): void {
    if (change.kind === 'remove') {
      if (this.search.has(change.message)) this.search.discard(change.message);
      return;
    }
    const document = documentOf(change.entry);
    if (this.search.has(document.id)) this.search.replace(document);
    else this.search.add(document);
  }

  query(query: SearchQuery): SearchPage {
    const terms = termsOf(query.query);
    if (terms.length === 0) return { hits: [], total: 0, capped: false, offset: query.offset };
    const accept = filterOf(query);
    const found: { entry: SearchEntry; result: SearchResult; typo: boolean }[] = [];
    for (const result of this.search.search(query.query, {
      filter: (result) => {
        const entry = this.fold.entries.get(result.id as string);
        return entry !== undefined && !entry.deleted && accept(entry);
      },
    })) {
      const entry = this.fold.entries.get(result.id as string)!;
      found.push({ entry, result, typo: !matchesWithoutTypo(terms, result.terms) });
    }
    // Exact and prefix matches first, then those found only by allowing a typo; newest first within each.
    found.sort((a, b) => Number(a.typo) - Number(b.typo) || b.entry.atMs - a.entry.atMs);
    const capped = found.length > MAX_HITS;
    const kept = capped ? found.slice(0, MAX_HITS) : found;
    const hits = kept.slice(query.offset, query.offset + query.limit).map(({ entry, result }) => ({
      message: entry.message,
      channel: entry.channel,
      at: entry.at,
      score: result.score,
      excerpt: excerptOf(entry.text, new Set(result.terms)),
      tags: tagsOfEntry(entry),
      attachments: entry.attachments,
    }));
    return { hits, total: kept.length, capped, offset: query.offset };
  }

  /** Everything needed to load the index again as it is now. */
  toData(): MessageIndexData {
    return { entries: [...this.fold.entries.values()].map(entryRow), index: this.search.toJSON() };
  }
}

function documentOf(entry: SearchEntry): IndexedDocument {
  return { id: entry.message, text: entry.text, tags: tagsOfEntry(entry).join(' ') };
}

/** Every query term was found as itself or as the start of a word of the message. */
function matchesWithoutTypo(terms: readonly string[], matched: readonly string[]): boolean {
  return terms.every((term) => matched.some((word) => word.startsWith(term)));
}

function filterOf(query: SearchQuery): (entry: SearchEntry) => boolean {
  const channels = query.channels === undefined ? undefined : new Set(query.channels);
  const tags = (query.tags ?? []).map((tag) => normalizeTag(tag) ?? tag.toLowerCase());
  const from = query.from === undefined ? -Infinity : Date.parse(query.from);
  const to = query.to === undefined ? Infinity : Date.parse(query.to);
  return (entry) =>
    (channels === undefined || channels.has(entry.channel)) &&
    entry.atMs >= from &&
    entry.atMs <= to &&
    (query.hasAttachment === undefined || entry.attachments > 0 === query.hasAttachment) &&
    tags.every((tag) => entry.textTags.includes(tag) || entry.addedTags.includes(tag));
}

/** The index's MiniSearch options: the benchmark builds MiniSearch alone with them, on the same texts. */
export const MESSAGE_INDEX_OPTIONS = OPTIONS;
