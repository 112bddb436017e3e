import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type * as Journal from '../../../electron/journal/index.js';
import type * as Search from '../../../electron/journal/search/index.js';
import type * as Store from '../../../electron/store/index.js';
import type { JournalCommand } from '../../../shared/journal/index.js';

// The search index runs in a worker thread, which loads compiled files: these tests use dist/ (npm run build:node).
const DIST = path.resolve(import.meta.dirname, '../../../dist/electron');
export const search = (await import(path.join(DIST, 'journal/search/index.js'))) as typeof Search;
export const journal = (await import(path.join(DIST, 'journal/index.js'))) as typeof Journal;
export const store = (await import(path.join(DIST, 'store/index.js'))) as typeof Store;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs after the test, in reverse order of registration. */
export function later(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** A new, empty event folder (removed after the test). */
export async function emptyFolder(): Promise<string> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-search-')), 'journal');
  later(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));
  await store.initEventFolder(dir);
  return dir;
}

/** Opens the folder's store (closed after the test unless closed before). */
export async function openStore(dir: string): Promise<Store.EventStore> {
  const opened = await store.openEventStore(dir, { durability: 'none' });
  later(() => opened.close());
  return opened;
}

let clock = Date.UTC(2026, 2, 1, 8, 0);

/** A time one minute after the last one asked for, as commands carry it. */
export function nextTime(): string {
  clock += 60_000;
  return new Date(clock).toISOString();
}

/** A journal writer on a store: posts, edits, deletes with fresh times, as the app would. */
export class Writer {
  private readonly handler: Journal.JournalCommandHandler;
  private readonly versions = new Map<string, number>();

  constructor(readonly opened: Store.EventStore) {
    this.handler = new journal.JournalCommandHandler(opened);
  }

  async run(command: JournalCommand): Promise<number> {
    const outcome = await this.handler.handle(command);
    return outcome.positions?.last ?? this.opened.lastPosition;
  }

  channel(channel: string, name = channel): Promise<number> {
    return this.run({ type: 'CreateChannel', channel, name, at: nextTime() });
  }

  post(message: string, text: string, channel = 'c1'): Promise<number> {
    this.versions.set(message, 1);
    return this.run({ type: 'PostMessage', message, channel, text, at: nextTime() });
  }

  edit(message: string, text: string): Promise<number> {
    const baseVersion = this.versions.get(message) ?? 1;
    this.versions.set(message, baseVersion + 1);
    return this.run({
      type: 'EditMessage',
      message,
      edit: `${message}-e${baseVersion}`,
      baseVersion,
      text,
      at: nextTime(),
    });
  }

  delete(message: string): Promise<number> {
    return this.run({ type: 'DeleteMessage', message, at: nextTime() });
  }

  restore(message: string): Promise<number> {
    return this.run({ type: 'RestoreMessage', message, at: nextTime() });
  }
}

/** Opens the search over a store (closed after the test unless closed before). */
export async function openSearch(
  opened: Store.EventStore,
  options: Search.JournalSearchOptions = {},
  feed: Search.EventFeed = search.storeEventFeed(opened),
): Promise<Search.JournalSearch> {
  const index = await search.JournalSearch.open(feed, options);
  later(() => index.close());
  return index;
}

/** The messages a query finds, once the index covers the log as it is now. */
export async function findIn(
  index: Search.JournalSearch,
  query: string,
  more: Partial<Search.SearchQuery> = {},
): Promise<string[]> {
  await index.whenCovered();
  const results = await index.search({ query, offset: 0, limit: 50, ...more });
  return results.hits.map((hit) => hit.message);
}

/** A feed that records where each follow started (to tell a loaded index from a rebuilt one). */
export function recordingFeed(opened: Store.EventStore): { feed: Search.EventFeed; starts: number[] } {
  const inner = search.storeEventFeed(opened);
  const starts: number[] = [];
  return {
    starts,
    feed: {
      ...inner,
      follow: (after, types, deliver, failed) => {
        starts.push(after);
        return inner.follow(after, types, deliver, failed);
      },
    },
  };
}
