import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import { normalizeTag } from '../../../shared/journal/index.js';
import { withCompactPostings } from './compact-postings.js';
import { arrayJsonPieces, indexJsonPieces } from './index-json.js';
import { excerptOf } from './search-excerpt.js';
import {
  entryRow,
  SearchEntries,
  tagsOfEntry,
  timeOf,
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
  // Every word of the query must match, as in Telegram's and Day One's search.
  searchOptions: { combineWith: 'AND', boost: { text: 1, tags: 1.5 } },
};

/**
 * The last word of a query is usually still being typed: it also matches as the start of a word, from
 * three letters on (two letters start too many words to be worth it). The words before it are whole.
 */
const MIN_PREFIX = 3;
const lastWordAsPrefix = (term: string, i: number, terms: string[]): boolean =>
  i === terms.length - 1 && term.length >= MIN_PREFIX && !isEmojiTerm(term);

/**
 * Typos are looked for only while the exact and prefix matches are fewer than this: a query that finds
 * a hundred messages as typed is spelled as the journal spells it, and its near misses would only bury
 * them (and looking for them is the costly part of a search).
 */
export const TYPOS_BELOW = 100;

/** A typo is allowed in words of 4 letters or more: one edit, two from 7 (a swapped pair is two edits). */
const typoDistance = (term: string): number | false =>
  isEmojiTerm(term) || term.length < 4 ? false : term.length < 7 ? 1 : 2;

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
    return new MessageIndex(withCompactPostings(new MiniSearch(OPTIONS)));
  }

  static load(data: MessageIndexData): MessageIndex {
    const index = new MessageIndex(withCompactPostings(MiniSearch.loadJS(data.index, OPTIONS)));
    for (const row of data.entries) index.fold.restore(row);
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

  /**
   * Exact and prefix matches first, then (only while they are fewer than TYPOS_BELOW) the messages found
   * only by allowing a typo; newest first within each.
   */
  query(query: SearchQuery): SearchPage {
    const terms = termsOf(query.query);
    if (terms.length === 0) return { hits: [], total: 0, capped: false, offset: query.offset };
    const accept = filterOf(query);
    const entryOf = (result: SearchResult): SearchEntry | undefined => {
      const entry = this.fold.entries.get(result.id as string);
      return entry !== undefined && !entry.deleted && (accept === undefined || accept(entry))
        ? entry
        : undefined;
    };
    // Without filters every result is kept (deleted messages are not in MiniSearch): a common word
    // matches tens of thousands of messages, and looking each up once more costs a good part of a query.
    const exact = this.search.search(query.query, {
      prefix: lastWordAsPrefix,
      ...(accept === undefined ? {} : { filter: (result: SearchResult) => entryOf(result) !== undefined }),
    });
    let typos: SearchResult[] = [];
    if (exact.length < TYPOS_BELOW && terms.some((term) => typoDistance(term) !== false)) {
      const seen = new Set(exact.map((result) => result.id as string));
      typos = this.search.search(query.query, {
        prefix: lastWordAsPrefix,
        fuzzy: typoDistance,
        maxFuzzy: 2,
        filter: (result) => !seen.has(result.id as string) && entryOf(result) !== undefined,
      });
    }
    const all = exact.length + typos.length;
    const ordered = newestFirst(exact, MAX_HITS, entryOf);
    ordered.push(...newestFirst(typos, MAX_HITS - ordered.length, entryOf));
    const hits = ordered.slice(query.offset, query.offset + query.limit).map(({ entry, result }) => ({
      message: entry.message,
      channel: entry.channel,
      at: timeOf(entry),
      score: result.score,
      excerpt: excerptOf(entry.text, new Set(result.terms)),
      tags: tagsOfEntry(entry),
      attachments: entry.attachments,
    }));
    return { hits, total: ordered.length, capped: all > MAX_HITS, offset: query.offset };
  }

  /** Everything needed to load the index again as it is now. */
  toData(): MessageIndexData {
    return { entries: [...this.fold.entries.values()].map(entryRow), index: this.search.toJSON() };
  }

  /**
   * `JSON.stringify(this.toData())` in pieces of about a megabyte, for saving: the whole text at once
   * would double the worker's memory while it is written.
   */
  *dataJsonPieces(): Generator<string> {
    yield '{"entries":';
    yield* arrayJsonPieces(rowsOf(this.fold.entries.values()));
    yield ',"index":';
    yield* indexJsonPieces(this.search);
    yield '}';
  }
}

function* rowsOf(entries: Iterable<SearchEntry>): Generator<EntryRow> {
  for (const entry of entries) yield entryRow(entry);
}

function documentOf(entry: SearchEntry): IndexedDocument {
  return { id: entry.message, text: entry.text, tags: tagsOfEntry(entry).join(' ') };
}

interface Ranked {
  readonly entry: SearchEntry;
  readonly result: SearchResult;
}

/**
 * The `count` newest of the results, newest first. A common word matches tens of thousands of messages:
 * the cut-off time is found on a typed array first, so that only the kept ones are sorted as objects.
 */
function newestFirst(
  results: readonly SearchResult[],
  count: number,
  entryOf: (result: SearchResult) => SearchEntry | undefined,
): Ranked[] {
  if (count <= 0) return [];
  const ranked: Ranked[] = [];
  for (const result of results) {
    const entry = entryOf(result);
    if (entry !== undefined) ranked.push({ entry, result });
  }
  let kept = ranked;
  if (ranked.length > count) {
    const times = Float64Array.from(ranked, ({ entry }) => entry.atMs).sort();
    const cutoff = times[times.length - count]!;
    kept = ranked.filter(({ entry }) => entry.atMs >= cutoff);
  }
  return kept.sort((a, b) => b.entry.atMs - a.entry.atMs).slice(0, count);
}

/** The query's filters as one test, or undefined when it has none. */
function filterOf(query: SearchQuery): ((entry: SearchEntry) => boolean) | undefined {
  if (
    query.channels === undefined &&
    (query.tags ?? []).length === 0 &&
    query.from === undefined &&
    query.to === undefined &&
    query.hasAttachment === undefined
  ) {
    return undefined;
  }
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
