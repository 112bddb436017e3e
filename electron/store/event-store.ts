import { categoryOf } from '../../shared/stream-name.js';
import path from 'node:path';
import type { AppendResult, EventToAppend, RecordedEvent } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import { checkedLines, type CheckedChunk } from './checked-lines.js';
import { Exclusive } from './exclusive.js';
import { prepareAppendRequest } from './append-request.js';
import { FileLock } from './file-lock.js';
import { FolderLayout } from './folder-layout.js';
import { loadIndexCache, saveIndexCache } from './index-cache.js';
import type { LogProblem } from './log-problem.js';
import {
  LogReader,
  type ReadAllOptions,
  type ReadPage,
  type ReadStreamOptions,
  type StoredLine,
  type StreamPage,
} from './log-reader.js';
import { LogState, type LogTail, type ScanProgress } from './log-state.js';
import type { AppendRequest } from './append-plan.js';
import { LogWriter } from './log-writer.js';
import { readManifest, type Manifest } from './manifest.js';
import { positionsWhere, type PositionQuery } from './position-query.js';
import { rawLineAt, type RawLine } from './raw-line.js';
import { SegmentFiles } from './segment-files.js';
import type { OpenOptions } from './store-options.js';
import {
  LiveSubscription,
  type EventHandler,
  type IterableSubscription,
  type SubscribeOptions,
  type Subscription,
} from './subscription.js';
import type {
  AppendManyOptions,
  AppendOptions,
  EventStoreApi,
  StreamAppend,
  StreamInfo,
} from './event-store-api.js';
import { appendManyFailure, prepareAppends } from './append-many.js';
import { pagedRead, type PagedRead } from './paged-read.js';
import { FolderPresence } from './folder-presence.js';
import { TailWatcher } from './tail-watcher.js';
import { cutTornTail, repairRefused, type RepairResult } from './tail-repair.js';
import { verifyEventFolder } from './verify.js';

export type { AppendOptions, StreamInfo } from './event-store-api.js';

/** What the UI shows in banners and the CLI in `verify`: is the folder sound, and if not, where. */
export interface FolderHealth {
  /** Damage in the log (bad checksums, gaps): appends are refused until it is dealt with. */
  readonly readOnly: boolean;
  readonly problems: readonly LogProblem[];
  /** Bytes after the last complete append: torn (repairable) or still being written by another process. */
  readonly tail: LogTail | undefined;
  /** The folder was removed or renamed while open. */
  readonly missing: boolean;
}

export interface RepairOptions {
  /** How far the check of the whole log that comes first has got. */
  readonly onProgress?: (progress: ScanProgress) => void;
}

type AppendedListener = (range: { readonly firstPosition: number; readonly lastPosition: number }) => void;

/** An open event folder. Open it with `openEventStore`; close it when done (it holds files and a watcher). */
export class EventStore implements EventStoreApi {
  private readonly reader: LogReader;
  private readonly writer: LogWriter | undefined;
  private readonly subscriptions = new Set<LiveSubscription>();
  private readonly appendedListeners = new Set<AppendedListener>();
  private readonly healthListeners = new Set<(health: FolderHealth) => void>();
  private watcher: TailWatcher | undefined;
  /** Set while a progressive open is still indexing. */
  private indexingPromise: Promise<void> | undefined;
  private readonly readers: (() => void)[] = [];
  private indexingError: Error | undefined;
  private missing = false;
  private presence: FolderPresence | undefined;
  private closed = false;
  private cacheSaved = 0;
  /** The log's last position when a progressive open finished indexing (where 'end' was then). */
  private indexedEnd = 0;

  private constructor(
    private readonly state: LogState,
    private readonly lock: FileLock,
    private readonly exclusive: Exclusive,
    private readonly options: OpenOptions,
  ) {
    this.reader = new LogReader(state.index, state.files, (problem) => this.damageFound(problem));
    this.writer = options.readOnly
      ? undefined
      : new LogWriter(
          state,
          lock,
          exclusive,
          options.durability ?? 'always',
          options.syncIntervalMs ?? 200,
          (first, events) => this.committed(first, events),
          () => this.emitHealth(),
          options.journalBytes,
        );
  }

  /** @internal Use openEventStore. */
  static async open(folder: string, options: OpenOptions = {}): Promise<EventStore> {
    const manifest = await readManifest(folder);
    const layout = new FolderLayout(folder);
    const state = new LogState(
      layout,
      manifest,
      new SegmentFiles(layout),
      false,
      options.parallelScanMinBytes,
    );
    const lock = new FileLock(
      layout.lock,
      options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs },
    );
    const store = new EventStore(state, lock, new Exclusive(), options);
    try {
      // Appends acknowledged before a power loss may be in log/journal.bin only: back into the log first.
      await store.writer?.replayAtOpen();
      const cached = options.cache === false ? false : await loadIndexCache(state);
      const progress = options.onProgress ? { onProgress: options.onProgress } : {};
      if (options.progressive === true && !cached) {
        // Everything that writes or reads beyond what is indexed queues behind this section.
        store.indexingPromise = store.exclusive
          .run(async () => {
            await state.catchUp({ thorough: true, ...progress, onMerged: () => store.wakeReaders() });
            await store.finishOpening();
            store.indexedEnd = state.index.lastPosition;
          })
          .catch((error: unknown) => {
            store.indexingError = error instanceof Error ? error : new Error(String(error));
          })
          .finally(() => {
            store.indexingPromise = undefined;
            store.wakeReaders();
          });
        return store;
      }
      await state.catchUp({ thorough: true, ...progress });
      store.cacheSaved = cached ? state.index.lastPosition : 0;
      await store.finishOpening();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** Classifies an incomplete tail (under the lock, when free) and starts following other writers. */
  private async finishOpening(): Promise<void> {
    const { state, lock, options } = this;
    if (state.tail !== undefined && !options.readOnly && tryLock(lock)) {
      // Nobody is writing: an incomplete tail is torn, and saying so now lets the UI offer the repair.
      try {
        await state.catchUp({ underLock: true });
      } finally {
        lock.release();
      }
    }
    if (options.watch !== false && !this.closed) {
      this.watcher = new TailWatcher(
        state.layout.log,
        () => this.followOtherWriters(),
        () => this.presence?.check(),
      );
      this.presence = new FolderPresence([state.layout.manifest, state.layout.log], (missing) => {
        this.missing = missing;
        this.emitHealth();
      });
      this.presence.start();
      await this.watcher.start();
    }
  }

  /** Resolves when the index covers the whole log (at once, unless opened `progressive`). */
  get indexed(): Promise<void> {
    return (this.indexingPromise ?? Promise.resolve()).then(() => {
      if (this.indexingError !== undefined) throw this.indexingError;
    });
  }

  /** Waits until the index reaches `position`, or is complete. */
  private async indexedUpTo(position: number): Promise<void> {
    while (this.indexingPromise !== undefined && this.state.index.lastPosition < position) {
      await new Promise<void>((resolve) => this.readers.push(resolve));
    }
    if (this.indexingError !== undefined) throw this.indexingError;
  }

  private wakeReaders(): void {
    for (const wake of this.readers.splice(0)) wake();
  }

  get folder(): string {
    return this.state.layout.root;
  }

  get manifest(): Manifest {
    return this.state.manifest;
  }

  /** Position of the last event; 0 for an empty log. */
  get lastPosition(): number {
    return this.state.index.lastPosition;
  }

  health(): FolderHealth {
    const journalProblems = this.writer?.problems ?? [];
    const problems =
      journalProblems.length === 0 ? this.state.corruption : [...this.state.corruption, ...journalProblems];
    return { readOnly: problems.length > 0, problems, tail: this.state.tail, missing: this.missing };
  }

  /** Appends events to one stream, all or nothing. Resolves once they are durable (per the durability mode). */
  appendToStream(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    // Not an async function: it would wrap the writer's promise in one more, which costs an append loop
    // two more turns of the microtask queue per append. Bad input still comes back as a rejection.
    let request: AppendRequest;
    try {
      request = this.appendRequest(stream, events, options);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.writer!.append(request);
  }

  private appendRequest(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): AppendRequest {
    this.assertWritable();
    return prepareAppendRequest(stream, events, options.expectedRevision);
  }

  async appendMany(
    appends: readonly StreamAppend[],
    options: AppendManyOptions = {},
  ): Promise<AppendResult[]> {
    this.assertWritable();
    const atomic = options.atomic === true;
    const { requests, invalid } = prepareAppends(appends, atomic);
    const outcome =
      requests.length === 0
        ? { results: [], failure: undefined }
        : await this.writer!.appendUnit({ requests, atomic });
    const failure = appendManyFailure(appends, atomic, outcome, invalid);
    if (failure !== undefined) throw failure;
    return outcome.results;
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.writer === undefined) {
      throw new StoreError('ReadOnly', `${this.folder} was opened read-only`, { folder: this.folder });
    }
  }

  readAll(options?: ReadAllOptions): PagedRead {
    return pagedRead(
      this.readAllPage(options),
      (from, limit) => this.readAllPage({ ...options, from, limit }),
      options?.limit,
    );
  }

  private async readAllPage(options?: ReadAllOptions): Promise<ReadPage> {
    this.assertOpen();
    if (this.indexingPromise !== undefined) {
      const forwardOverAll =
        (options?.direction ?? 'forwards') === 'forwards' &&
        options?.types === undefined &&
        options?.category === undefined &&
        options?.stream === undefined;
      // A forward read of $all needs only its own positions indexed; any other read needs them all.
      if (forwardOverAll) await this.indexedUpTo((options?.from ?? 1) + (options?.limit ?? 100) - 1);
      else await this.indexed;
    }
    return this.reader.readAll(options);
  }

  readStream(stream: string, options?: ReadStreamOptions): PagedRead<StreamPage> {
    return pagedRead(
      this.readStreamPage(stream, options),
      (fromRevision, limit) => this.readStreamPage(stream, { ...options, fromRevision, limit }),
      options?.limit,
    );
  }

  private async readStreamPage(stream: string, options?: ReadStreamOptions): Promise<StreamPage> {
    this.assertOpen();
    await this.indexed;
    return this.reader.readStream(stream, options);
  }

  readCategory(category: string, options: Omit<ReadAllOptions, 'category' | 'stream'> = {}): PagedRead {
    return this.readAll({ ...options, category });
  }

  /**
   * Events by position, in the order given (positions with no valid event are left out). Reads only
   * those lines; waits for a progressive open to index them.
   */
  async readPositions(positions: readonly number[]): Promise<RecordedEvent[]> {
    this.assertOpen();
    let highest = 0;
    for (const position of positions) if (position > highest) highest = position;
    await this.indexedUpTo(highest);
    return this.reader.readPositions(positions);
  }

  /**
   * The lines of these positions exactly as stored (ascending positions; holes are left out), checked like
   * every read: exports write and hash these bytes. Waits for a progressive open to index them.
   */
  async readStoredLines(positions: readonly number[]): Promise<StoredLine[]> {
    this.assertOpen();
    await this.indexedUpTo(positions.at(-1) ?? 0);
    return this.reader.readStoredLines(positions);
  }

  /**
   * The stored lines of positions from..to in chunks of whole lines, checked as `read` checks them: the
   * positions `read` has no event for are the chunk's holes (damage found now is reported as `read` reports
   * it, and the folder becomes read-only). For projections, which parse the lines in their own process.
   */
  async *readCheckedLines(from: number, to: number): AsyncGenerator<CheckedChunk> {
    this.assertOpen();
    await this.indexedUpTo(to);
    yield* checkedLines(this.state.index, this.state.files, from, to, (problem) => this.damageFound(problem));
  }

  /** Positions of the events that match, ascending, from the index alone (see PositionQuery). */
  positionsWhere(query: PositionQuery): Uint32Array {
    this.assertOpen();
    return positionsWhere(this.state.index, query);
  }

  /** The line of a position exactly as stored, and its segment; undefined when there is no event there. */
  async rawLine(position: number): Promise<RawLine | undefined> {
    this.assertOpen();
    await this.indexedUpTo(position);
    return rawLineAt(this.state.index, this.state.files, position);
  }

  /** Whether the stream has any event (cheap on a warm open: the streams are not laid out for it). */
  hasStream(stream: string): boolean {
    return this.state.index.hasStream(stream);
  }

  /** Every stream's name, in order of first appearance (cheap like `hasStream`). */
  streamNames(): readonly string[] {
    return this.state.index.streamNames();
  }

  /** Position of a stream's event at `revision`, or undefined when the stream has no such revision. */
  streamPositionAt(stream: string, revision: number): number | undefined {
    const entry = this.state.index.stream(stream);
    if (entry === undefined || revision < 0 || revision >= entry.positions.length) return undefined;
    return entry.positions.get(revision);
  }

  /** Bytes of the log's complete appends, over all segments (a torn or unfinished tail is not counted). */
  get logBytes(): number {
    let bytes = 0;
    for (const segment of this.state.index.segments) bytes += segment.size;
    return bytes;
  }

  /** The log's segment files in log order, with their sizes on disk (files that cannot be read are left out). */
  segmentFiles(): { readonly name: string; readonly bytes: number }[] {
    this.assertOpen();
    return this.state.index.segments
      .filter((segment) => segment.unreadable !== true)
      .map((segment) => ({ name: segment.name, bytes: this.state.files.size(segment.name) }));
  }

  /** True while a progressive open is still indexing (see `indexed`). */
  get indexing(): boolean {
    return this.indexingPromise !== undefined;
  }

  /** Every stream, in order of first appearance. */
  streams(): StreamInfo[] {
    return this.state.index.streams.map((entry) => ({
      stream: entry.id,
      category: categoryOf(entry.id),
      events: entry.positions.length,
      lastRevision: entry.positions.length - 1,
      lastPosition: entry.positions.get(entry.positions.length - 1),
    }));
  }

  /** Events per type, most frequent first. */
  eventTypes(): { type: string; events: number }[] {
    const { index } = this.state;
    const counts = new Uint32Array(index.types.length);
    for (let i = 0; i < index.lastPosition; i++) {
      const type = index.typeOf.get(i);
      if (type < counts.length) counts[type] = counts[type]! + 1;
    }
    return index.types
      .map((type, number) => ({ type, events: counts[number]! }))
      .sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
  }

  /** Bytes of memory the index holds, for the benchmark and the stats view. */
  get indexBytes(): number {
    return this.state.index.byteLength;
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription;
  subscribe(options?: SubscribeOptions): IterableSubscription;
  subscribe(options: SubscribeOptions = {}, handler?: EventHandler): IterableSubscription {
    this.assertOpen();
    const subscription = new LiveSubscription(
      (page) => this.reader.readAll(page),
      () => this.state.index.lastPosition,
      options,
      handler,
      (closed) => this.subscriptions.delete(closed),
      this.indexingPromise === undefined ? undefined : this.indexed.then(() => this.indexedEnd),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Called with the range of positions each time events are committed, by this process or another. */
  onAppended(listener: AppendedListener): () => void {
    this.appendedListeners.add(listener);
    return () => this.appendedListeners.delete(listener);
  }

  onHealthChanged(listener: (health: FolderHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /**
   * Cuts a torn tail, and keeps aside (in repairs/) journaled appends that could not be written back
   * because other lines took their place, clearing the journal; never anything else. It first reads the
   * whole log as `verifyEventFolder` does (opening trusts the index cache for the lines it covers), and
   * refuses with the report when anything else is wrong. The CLI's `repair` and the app's call this.
   */
  async repair(options: RepairOptions = {}): Promise<RepairResult> {
    this.assertOpen();
    const writer = this.writer;
    if (writer === undefined) {
      throw new StoreError('ReadOnly', `${this.folder} was opened read-only; repair needs write access`);
    }
    const report = await verifyEventFolder(this.folder, options.onProgress);
    const damage = report.problems.filter((problem) => problem.repairable === undefined);
    if (damage.length > 0) throw repairRefused(damage);
    const result = await writer.withLock(async () => {
      await this.state.catchUp({ underLock: true, thorough: true });
      const kept = this.state.corruption.length === 0 ? await writer.setAsideJournal() : undefined;
      const cut = await cutTornTail(this.state);
      if (kept === undefined) return cut;
      const message =
        `Kept ${kept.events} journaled events that could not be written back in ` +
        `${path.relative(this.folder, kept.keptIn)} and cleared the journal`;
      return cut.repaired
        ? { ...cut, message: `${cut.message}. ${message}` }
        : { repaired: true, bytesCut: 0, keptIn: kept.keptIn, message };
    });
    this.emitHealth();
    return result;
  }

  /** Waits for pending appends, writes the index cache, and releases files and the watcher. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) subscription.close();
    this.presence?.stop();
    await this.watcher?.close();
    await this.writer?.close();
    await this.exclusive.idle();
    if (this.options.cache !== false && !this.options.readOnly && !this.missing) await this.saveCache();
    this.state.files.closeAll();
  }

  private async saveCache(): Promise<void> {
    if (this.state.index.lastPosition === this.cacheSaved) return;
    try {
      await saveIndexCache(this.state);
      this.cacheSaved = this.state.index.lastPosition;
    } catch {
      // The cache is only an accelerator: a folder on read-only media simply opens cold next time.
    }
  }

  /** Writes the index cache now (after a long cold open, the app does this in the background). */
  async persistIndex(): Promise<void> {
    this.assertOpen();
    await this.exclusive.run(() => this.saveCache());
  }

  private committed(firstPosition: number, events: () => RecordedEvent[]): void {
    if (this.subscriptions.size > 0) {
      const recorded = events();
      for (const subscription of this.subscriptions) subscription.notify(recorded);
    }
    this.announce(firstPosition, this.state.index.lastPosition);
  }

  private announce(firstPosition: number, lastPosition: number): void {
    for (const listener of this.appendedListeners) listener({ firstPosition, lastPosition });
  }

  private async followOtherWriters(): Promise<void> {
    const before = this.state.index.lastPosition;
    const tailBefore = this.state.tail;
    const problemsBefore = this.state.corruption.length;
    const added = await this.exclusive.run(() => this.state.catchUp());
    if (added > 0) {
      for (const subscription of this.subscriptions) subscription.notify(undefined);
      this.announce(before + 1, this.state.index.lastPosition);
    }
    if (this.state.tail !== tailBefore || this.state.corruption.length !== problemsBefore) this.emitHealth();
  }

  private damageFound(problem: LogProblem): void {
    if (
      this.state.problems.some(
        (known) => known.segment === problem.segment && known.offset === problem.offset,
      )
    )
      return;
    this.state.problems.push(problem);
    this.emitHealth();
  }

  private emitHealth(): void {
    const health = this.health();
    for (const listener of this.healthListeners) listener(health);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('Closed', `The event store for ${this.folder} is closed`);
  }
}

/** The lock if it is free; no lock (and no error) when it cannot be taken: opening only reads. */
function tryLock(lock: FileLock): boolean {
  try {
    return lock.tryAcquire();
  } catch {
    // Read-only media, or its name taken by something else: the first append says so.
    return false;
  }
}

/**
 * Opens an event folder (made by `initEventFolder` or `eventfold init`). Resolves once its index is built
 * (read from the index cache, or by scanning the log; see OpenOptions.progressive).
 */
export function openEventStore(folder: string, options?: OpenOptions): Promise<EventStore> {
  return EventStore.open(folder, options);
}
