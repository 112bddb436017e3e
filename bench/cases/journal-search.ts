import fs from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { JournalCommandHandler } from '../../electron/journal/index.js';
import {
  JournalSearch,
  MESSAGE_INDEX_OPTIONS,
  searchCacheFile,
  storeEventFeed,
  type SearchQuery,
} from '../../electron/journal/search/index.js';
import { openEventStore, type EventStore } from '../../electron/store/index.js';
import { alternatingRuns, asRate } from '../alternating-runs.js';
import type { BenchContext } from '../bench-context.js';
import { attempt, compare, type BenchRow, type CaseKind } from '../bench-row.js';
import type { CaseFamily } from '../case-family.js';
import { runChildScript } from '../child-script.js';
import {
  BENCH_CHANNEL,
  benchJournal,
  type JournalVocabulary,
  mix,
  searchableTexts,
} from '../journal-dataset.js';
import { elapsedMs, median } from '../timing.js';

const BUILD: CaseKind = { case: 'journal.search.build', unit: 'messages/s', higherIsBetter: true };
const QUERY: CaseKind = { case: 'journal.search.query.p50', unit: 'ms', higherIsBetter: false };
const APPEND: CaseKind = {
  case: 'journal.search.append-to-searchable.p50',
  unit: 'ms',
  higherIsBetter: false,
};
const MEMORY: CaseKind = { case: 'journal.search.worker-rss', unit: 'MB', higherIsBetter: false };

const RUNS = 3;
const APPENDS = 50;

export interface SearchMemoryReport {
  readonly messages: number;
  readonly rssBefore: number;
  readonly rssAfter: number;
  readonly workerHeapUsed: number;
}

/**
 * DESIGN.md "journal search, 100k messages": a journal of 100,000 messages in one channel (Zipf-distributed
 * pseudo-words, some accents, emoji and tags). The index built from the log with an empty cache (worker
 * start, reading the log, handing events over, indexing) against MiniSearch alone, in plain code, on the
 * same texts with the same options; queries through the worker (words, pairs, prefixes, typos, emoji);
 * the time from an append being committed to a search finding it; and the memory the search worker adds
 * to a fresh process.
 */
export const journalSearch: CaseFamily = {
  name: BUILD.case,
  rows: [
    { kind: BUILD, baseline: 'minisearch-alone' },
    { kind: QUERY, baseline: 'none' },
    { kind: APPEND, baseline: 'none' },
    { kind: MEMORY, baseline: 'none' },
  ],
  run: measureJournalSearch,
};

async function measureJournalSearch(ctx: BenchContext): Promise<BenchRow[]> {
  const { dir, vocabulary, messages: MESSAGES } = await benchJournal(ctx);
  const texts = searchableTexts(vocabulary, MESSAGES);
  const store = await openEventStore(dir, { durability: 'always' });
  let building: JournalSearch | undefined;
  const closeMs: number[] = [];
  try {
    const [built, alone] = await alternatingRuns(
      RUNS,
      [
        {
          name: `${BUILD.case}: eventfold`,
          run: async () => {
            building = await buildFromLog(store);
          },
          // The index saved to the cache after catching up, and the worker ended: background work after
          // the index answers, timed apart (MiniSearch alone saves nothing).
          after: async () => {
            const closing = building;
            building = undefined;
            if (closing !== undefined) closeMs.push(await elapsedMs(() => closing.close()));
          },
        },
        {
          name: `${BUILD.case}: minisearch-alone`,
          run: () => {
            const index = new MiniSearch(MESSAGE_INDEX_OPTIONS);
            index.addAll(texts);
            if (index.documentCount !== texts.length) throw new Error(`indexed ${index.documentCount}`);
            return Promise.resolve();
          },
        },
      ],
      ctx.progress,
    );
    const search = await JournalSearch.open(storeEventFeed(store));
    try {
      await search.whenCovered();
      const query = await attempt(() => queryP50(search, vocabulary, ctx));
      const append = await attempt(() => appendToSearchableP50(store, search, ctx));
      await search.checkpoint();
      ctx.note(
        `${BUILD.case}: median of ${RUNS} alternating runs; eventfold = an empty cache to every message searchable ` +
          '(worker start, log read, events handed over in batches, indexed, a first search answered); saving the index ' +
          `to the cache and ending the worker afterwards, untimed there, took a median ${closeMs.length === 0 ? '?' : median(closeMs).toFixed(0)} ms; minisearch-alone = addAll of the same ` +
          'texts with the same options (tokenizer, folding) on the main thread, texts already in memory: the ' +
          `${texts.length.toLocaleString('en-US')} messages not deleted, edited ones with their latest text, and their tags. ` +
          "Eventfold's MiniSearch keeps its postings in arrays (compact-postings.ts), the baseline in MiniSearch's own Maps: " +
          'the same terms, counts and scores, less memory.',
      );
      ctx.note(
        `${QUERY.case}: 200 searches through the worker (words from the 100th to the 20,000th most common, pairs, ` +
          '3-5 letter prefixes, typos, emoji, a word within a tag), each answering a page of 20 with excerpts; ' +
          'the time the caller waits.',
      );
      ctx.note(
        `${APPEND.case}: ${APPENDS} posts through the command handler (durable); from the append's commit to the ` +
          'first search that finds the new message.',
      );
      const memory = await attempt(() => workerMemory(dir, texts.length, ctx));
      return [
        compare(BUILD, asRate(built!, MESSAGES), 'minisearch-alone', asRate(alone!, MESSAGES)),
        compare(QUERY, query, 'none', { ok: true, value: 0 }),
        compare(APPEND, append, 'none', { ok: true, value: 0 }),
        compare(MEMORY, memory, 'none', { ok: true, value: 0 }),
      ];
    } finally {
      await search.close();
    }
  } finally {
    await store.close();
  }
}

/** An empty cache to every message searchable: the first search answered (the caller closes it). */
async function buildFromLog(store: EventStore): Promise<JournalSearch> {
  fs.rmSync(path.dirname(searchCacheFile(store.folder)), { recursive: true, force: true });
  const search = await JournalSearch.open(storeEventFeed(store), { saveEveryMs: 3_600_000 });
  try {
    await search.whenCovered(store.lastPosition);
    const found = await search.search({ query: 'kaka', offset: 0, limit: 1 });
    if (search.status().position !== store.lastPosition || found.index.state !== 'live') {
      throw new Error(`the index covers ${search.status().position} of ${store.lastPosition}`);
    }
    return search;
  } catch (error) {
    await search.close();
    throw error;
  }
}

/**
 * The queries: a deterministic mix of what people type. Words are drawn log-uniformly between the 100th
 * and the 20,000th most common (the most common ones, like "the", are not what anyone searches for alone).
 */
function queries(vocabulary: JournalVocabulary): SearchQuery[] {
  const word = (n: number): string => {
    const rank = Math.floor(Math.exp(Math.log(100) + (mix(n) / 2 ** 32) * Math.log(200)));
    return vocabulary.words[Math.min(vocabulary.words.length - 1, rank)]!;
  };
  const long = (n: number): string => {
    for (let k = n; ; k++) if (word(k).length >= 7) return word(k);
  };
  const list: string[] = [];
  for (let i = 0; i < 40; i++) list.push(word(i));
  for (let i = 0; i < 20; i++) list.push(`${word(100 + i)} ${word(200 + i)}`);
  for (let i = 0; i < 20; i++) list.push(word(300 + i).slice(0, 3 + (i % 3)));
  for (let i = 0; i < 10; i++) {
    const w = long(400 + i * 7);
    list.push(`${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`);
  }
  for (let i = 0; i < 5; i++) list.push(['🎉', '☕'][i % 2]!);
  const searches: SearchQuery[] = list.map((query) => ({ query, offset: 0, limit: 20 }));
  // A word within a tag (the dataset tags every 11th message with one of 50 words).
  for (let i = 0; i < 5; i++) {
    searches.push({ query: word(500 + i), tags: [vocabulary.words[i * 7]!], offset: 0, limit: 20 });
  }
  return [...searches, ...searches];
}

async function queryP50(
  search: JournalSearch,
  vocabulary: JournalVocabulary,
  ctx: BenchContext,
): Promise<number> {
  ctx.progress(`${QUERY.case}: 200 searches`);
  const samples: number[] = [];
  let found = 0;
  for (const query of queries(vocabulary)) {
    samples.push(
      await elapsedMs(async () => {
        const results = await search.search(query);
        if (results.total > 0) found++;
      }),
    );
  }
  if (found < samples.length / 2)
    throw new Error(`only ${found} of ${samples.length} searches found anything`);
  ctx.note(
    `${QUERY.case}: p90 ${percentileOf(samples, 90).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms.`,
  );
  return median(samples);
}

async function appendToSearchableP50(
  store: EventStore,
  search: JournalSearch,
  ctx: BenchContext,
): Promise<number> {
  ctx.progress(`${APPEND.case}: ${APPENDS} posts`);
  const handler = new JournalCommandHandler(store);
  const samples: number[] = [];
  for (let i = 0; i < APPENDS; i++) {
    const word = `zuqvex${i}`;
    const outcome = await handler.handle({
      type: 'PostMessage',
      message: `appended-${i}`,
      channel: BENCH_CHANNEL,
      text: `a new note ${word}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    });
    const committed = performance.now();
    await search.whenCovered(outcome.positions!.last);
    for (;;) {
      const results = await search.search({ query: word, offset: 0, limit: 1 });
      if (results.hits[0]?.message === `appended-${i}`) break;
    }
    samples.push(performance.now() - committed);
  }
  return median(samples);
}

/** The RSS the search worker adds to a fresh process that has the folder open, in MB. */
async function workerMemory(dir: string, searchable: number, ctx: BenchContext): Promise<number> {
  ctx.progress(`${MEMORY.case}: the index built in a fresh process`);
  fs.rmSync(path.dirname(searchCacheFile(dir)), { recursive: true, force: true });
  const report = JSON.parse(
    await runChildScript('search-memory.js', [dir], ['--expose-gc']),
  ) as SearchMemoryReport;
  // The folder holds the benchmark's messages and those the append case added.
  if (report.messages < searchable) throw new Error(`the child indexed ${report.messages} messages`);
  const mb = (bytes: number): number => bytes / 2 ** 20;
  ctx.note(
    `${MEMORY.case}: process RSS with the index built and saved, after collecting garbage, minus the RSS with the ` +
      `folder open before the worker started (${mb(report.rssBefore).toFixed(0)} MB -> ${mb(report.rssAfter).toFixed(0)} MB); ` +
      `the worker's own heap holds ${mb(report.workerHeapUsed).toFixed(0)} MB.`,
  );
  return mb(report.rssAfter - report.rssBefore);
}

function percentileOf(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
