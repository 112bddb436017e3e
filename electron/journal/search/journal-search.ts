import fs from 'node:fs/promises';
import { errorText } from '../../../shared/error-text.js';
import type { RecordedEvent } from '../../../shared/event.js';
import type { ReadModelStatus, SearchResults } from '../../../shared/journal/index.js';
import type { EventFeed, FeedSubscription } from './event-feed.js';
import { searchCacheFile } from './search-cache.js';
import { SEARCHED_EVENT_TYPES } from './search-entries.js';
import type { SearchQuery } from './search-query.js';
import type { WorkerMemory } from './search-worker-protocol.js';
import { SearchWorkerClient } from './search-worker-client.js';

export interface JournalSearchOptions {
  /** Saves the index this often while it follows the log and has changed (default 30 s). */
  readonly saveEveryMs?: number;
  /** Told of every change of status (a start, progress while catching up, live, a fault). */
  readonly onStatus?: (status: ReadModelStatus) => void;
}

const SAVE_EVERY_MS = 30_000;
/**
 * Batches of events handed to the worker and not yet indexed, at most: while the worker indexes one, the
 * main thread reads and parses the next ones from the log (on another core), rather than wait for each
 * batch's answer before reading on. Few enough that a slow worker still holds the feed back.
 */
const BATCHES_IN_FLIGHT = 3;
/**
 * A search while the index catches up waits this long for it first: a small journal opened a moment ago
 * is complete by then, and a large one answers with what it has (and its status says so) rather than
 * keep the page waiting for a rebuild.
 */
const CATCH_UP_WAIT_MS = 1_000;

/**
 * The journal's search read model: a worker thread owning the index, fed in log order from a checkpoint.
 * On open it loads the index saved in the folder's cache/ (if it was saved for this folder and the event
 * at its position is still there) and catches up from the position it covers, so messages written while
 * the app was closed are found; with no usable cache it builds the index from the log. Then it follows
 * appends live. The index is saved (atomically, with the position it covers) after catching up, every
 * half minute while it changes, and on close. Deleting the cache only costs a rebuild.
 */
export class JournalSearch {
  private worker: SearchWorkerClient;
  private subscription: FeedSubscription | undefined;
  private covered = 0;
  private saved = -1;
  private state: ReadModelStatus['state'] = 'idle';
  private error: string | null = null;
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly saveTimer: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;
  /** Batches handed to the worker, oldest first; each settles once it is indexed and counted as covered. */
  private readonly inFlight: Promise<void>[] = [];
  /** Bumped by a rebuild or restart, so that batches of the old feed never move the covered position. */
  private generation = 0;
  private readonly cacheFile: string;
  private readonly statusListeners = new Set<(status: ReadModelStatus) => void>();

  private constructor(
    private readonly feed: EventFeed,
    private readonly options: JournalSearchOptions,
  ) {
    this.cacheFile = searchCacheFile(feed.folder);
    this.worker = this.startWorker();
    this.saveTimer = setInterval(() => void this.save(), options.saveEveryMs ?? SAVE_EVERY_MS);
    this.saveTimer.unref();
  }

  /** Starts the worker, loads the saved index and starts catching up; resolves once queries can run. */
  static async open(feed: EventFeed, options: JournalSearchOptions = {}): Promise<JournalSearch> {
    const search = new JournalSearch(feed, options);
    try {
      await search.start();
    } catch (error) {
      await search.close();
      throw error;
    }
    return search;
  }

  status(): ReadModelStatus {
    return {
      name: 'search',
      state: this.state,
      position: this.covered,
      lastPosition: Math.max(this.covered, this.feed.lastPosition()),
      error: this.error,
    };
  }

  /** Hears every change of status, as `options.onStatus` does; returns the unsubscribe. */
  onStatus(listener: (status: ReadModelStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** A page of hits, with the index's status (results lag the log while it catches up). */
  async search(query: SearchQuery): Promise<SearchResults> {
    if (this.state === 'faulted') await this.restart();
    if (this.state === 'catching-up') await this.caughtUpOrAfter(CATCH_UP_WAIT_MS);
    const page = await this.worker.request({ kind: 'query', query });
    return { ...page, index: this.status() };
  }

  /** Resolves once the index covers `position` (default: the log's last position now). */
  whenCovered(position = this.feed.lastPosition()): Promise<void> {
    if (this.covered >= position || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private caughtUpOrAfter(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      this.whenCovered(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    ]).finally(() => clearTimeout(timer));
  }

  /** Drops the index and its saved copy and builds it again from the log. */
  async rebuild(): Promise<void> {
    this.subscription?.close();
    this.subscription = undefined;
    this.generation++;
    await this.drained();
    await this.saving;
    await fs.rm(this.cacheFile, { force: true });
    await this.worker.request({ kind: 'reset' });
    this.covered = 0;
    this.saved = -1;
    this.follow();
  }

  /** Saves the index now if it covers more than its saved copy (with the position it covers). */
  checkpoint(): Promise<void> {
    return this.save();
  }

  /** The worker's memory now (the benchmark reports it). */
  memory(): Promise<WorkerMemory> {
    return this.worker.request({ kind: 'memory' });
  }

  /** Stops following, saves what changed and ends the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.saveTimer);
    this.subscription?.close();
    this.subscription = undefined;
    if (this.state !== 'faulted') await this.save().catch(() => undefined);
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    await this.worker.terminate();
  }

  private startWorker(): SearchWorkerClient {
    const worker = new SearchWorkerClient();
    worker.onDeath((error) => this.fault(error));
    return worker;
  }

  private async start(): Promise<void> {
    this.setState('catching-up');
    const header = await this.worker.request({ kind: 'load', file: this.cacheFile });
    if (header !== null && (await this.matches(header))) {
      this.covered = header.position;
      this.saved = header.position;
    } else if (header !== null) {
      await this.worker.request({ kind: 'reset' });
    }
    this.follow();
  }

  /** A saved index is used only for this folder, and only while the event at its position is unchanged. */
  private async matches(header: {
    folder: string;
    position: number;
    eventId: string | null;
  }): Promise<boolean> {
    if (header.folder !== this.feed.folderId || header.position > this.feed.lastPosition()) return false;
    if (header.position === 0) return true;
    return (await this.feed.eventIdAt(header.position)) === header.eventId;
  }

  private follow(): void {
    this.setState('catching-up');
    const subscription = this.feed.follow(
      this.covered,
      SEARCHED_EVENT_TYPES,
      (events, covered) => this.deliver(events, covered),
      (error) => this.fault(error),
    );
    this.subscription = subscription;
    void subscription.caughtUp.then(async () => {
      await this.drained();
      if (this.subscription !== subscription || this.state === 'faulted') return;
      this.setState('live');
      void this.save();
    });
  }

  /**
   * Hands a batch to the worker and returns at once unless BATCHES_IN_FLIGHT are still being indexed; the
   * covered position moves when the worker has indexed the batch (it answers in order, so it never moves
   * backwards). A batch the worker fails on faults the index, as a failed delivery does.
   */
  private async deliver(events: readonly RecordedEvent[], covered: number): Promise<void> {
    const generation = this.generation;
    const applied =
      events.length === 0
        ? Promise.resolve()
        : this.worker.request({
            kind: 'apply',
            events: events.map((event) => ({ type: event.type, data: event.data })),
          });
    const previous = this.inFlight.at(-1) ?? Promise.resolve();
    const step = Promise.all([previous, applied]).then(() => {
      if (generation === this.generation && this.state !== 'faulted') this.advance(covered);
    });
    const settled = step.catch((error: unknown) => this.fault(error));
    this.inFlight.push(settled);
    void settled.then(() => this.inFlight.splice(this.inFlight.indexOf(settled), 1));
    if (this.inFlight.length >= BATCHES_IN_FLIGHT) await this.inFlight[0];
  }

  /** Resolves once every batch handed over so far has been indexed (or has failed). */
  private async drained(): Promise<void> {
    await this.inFlight.at(-1);
  }

  private advance(covered: number): void {
    if (covered <= this.covered) return;
    this.covered = covered;
    this.announce();
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.position <= covered) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  /** Saves the index when it covers more than the saved copy; one save at a time. */
  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const position = this.covered;
      if (this.closed || this.state === 'faulted' || position === this.saved) return;
      const eventId = position === 0 ? null : ((await this.feed.eventIdAt(position)) ?? null);
      await this.worker.request({
        kind: 'save',
        file: this.cacheFile,
        header: { folder: this.feed.folderId, position, eventId },
      });
      this.saved = position;
    });
    // A failed save (a read-only folder, a full disk) costs only a longer catch-up next time.
    this.saving = this.saving.catch(() => undefined);
    return this.saving;
  }

  private fault(error: unknown): void {
    if (this.closed || this.state === 'faulted') return;
    this.subscription?.close();
    this.subscription = undefined;
    this.error = errorText(error);
    this.setState('faulted');
  }

  /** After a fault, the next search starts a new worker from the saved index (or the log). */
  private async restart(): Promise<void> {
    this.generation++;
    await this.worker.terminate();
    await this.drained();
    this.error = null;
    this.covered = 0;
    this.saved = -1;
    this.worker = this.startWorker();
    await this.start();
  }

  private setState(state: ReadModelStatus['state']): void {
    this.state = state;
    this.announce();
  }

  private announce(): void {
    const status = this.status();
    this.options.onStatus?.(status);
    for (const listener of this.statusListeners) listener(status);
  }
}
