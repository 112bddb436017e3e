import type { AppendResult, EventToAppend, RecordedEvent } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import { categoryOf } from '../../shared/stream-name.js';
import { appendManyFailure, prepareAppends } from './append-many.js';
import { planAppends, type AppendUnit, type UnitOutcome } from './append-plan.js';
import { prepareAppendRequest } from './append-request.js';
import type {
  AppendManyOptions,
  AppendOptions,
  EventStoreApi,
  StreamAppend,
  StreamInfo,
} from './event-store-api.js';
import type { ReadAllOptions, ReadStreamOptions, StreamPage } from './log-reader.js';
import { MemoryLog } from './memory-log.js';
import { pagedRead, type PagedRead } from './paged-read.js';
import {
  LiveSubscription,
  type EventHandler,
  type IterableSubscription,
  type SubscribeOptions,
  type Subscription,
} from './subscription.js';

interface Queued extends AppendUnit {
  readonly settle: (outcome: UnitOutcome) => void;
}

type AppendedListener = (range: { readonly firstPosition: number; readonly lastPosition: number }) => void;

/**
 * An event store that keeps its events in memory, with exactly the folder store's rules (the same checks,
 * expected revisions, retries by id, paging, subscriptions), for tests of code that appends and reads: no
 * files, nothing to clean up, nothing kept after the process ends. Appends made in the same turn of the
 * event loop are stored together, as a folder's group commit stores them.
 */
export class MemoryEventStore implements EventStoreApi {
  private readonly log = new MemoryLog();
  private queue: Queued[] = [];
  private flushing: Promise<void> | undefined;
  private readonly subscriptions = new Set<LiveSubscription>();
  private readonly appendedListeners = new Set<AppendedListener>();
  private closed = false;

  get lastPosition(): number {
    return this.log.lastPosition;
  }

  appendToStream(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    try {
      this.assertOpen();
      const request = prepareAppendRequest(stream, events, options.expectedRevision);
      return this.enqueue({ requests: [request], atomic: true }).then((outcome) => {
        if (outcome.failure !== undefined) throw outcome.failure.error;
        return outcome.results[0]!;
      });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async appendMany(
    appends: readonly StreamAppend[],
    options: AppendManyOptions = {},
  ): Promise<AppendResult[]> {
    this.assertOpen();
    const atomic = options.atomic === true;
    const { requests, invalid } = prepareAppends(appends, atomic);
    const outcome =
      requests.length === 0 ? { results: [], failure: undefined } : await this.enqueue({ requests, atomic });
    const failure = appendManyFailure(appends, atomic, outcome, invalid);
    if (failure !== undefined) throw failure;
    return outcome.results;
  }

  private enqueue(unit: AppendUnit): Promise<UnitOutcome> {
    return new Promise((settle) => {
      this.queue.push({ ...unit, settle });
      this.flushing ??= Promise.resolve().then(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.flushing = undefined;
    const { outcomes, events } = planAppends(this.log, batch, new Date().toISOString());
    this.log.add(events);
    for (let i = 0; i < batch.length; i++) batch[i]!.settle(outcomes[i]!);
    const first = events[0];
    if (first === undefined) return;
    const recorded = events.map((event) => this.log.event(event.position)!);
    for (const subscription of this.subscriptions) subscription.notify(recorded);
    for (const listener of this.appendedListeners)
      listener({ firstPosition: first.position, lastPosition: this.log.lastPosition });
  }

  readAll(options?: ReadAllOptions): PagedRead {
    return pagedRead(
      this.page(() => this.log.readAll(options)),
      (from, limit) => this.page(() => this.log.readAll({ ...options, from, limit })),
      options?.limit,
    );
  }

  readStream(stream: string, options?: ReadStreamOptions): PagedRead<StreamPage> {
    return pagedRead(
      this.page(() => this.log.readStream(stream, options)),
      (fromRevision, limit) =>
        this.page(() => this.log.readStream(stream, { ...options, fromRevision, limit })),
      options?.limit,
    );
  }

  readCategory(category: string, options: Omit<ReadAllOptions, 'category' | 'stream'> = {}): PagedRead {
    return this.readAll({ ...options, category });
  }

  readPositions(positions: readonly number[]): Promise<RecordedEvent[]> {
    return this.page(() =>
      positions.flatMap((position) => {
        const event = this.log.event(position);
        return event === undefined ? [] : [event];
      }),
    );
  }

  streamPositionAt(stream: string, revision: number): number | undefined {
    return this.log.positionAt(stream, revision);
  }

  streams(): StreamInfo[] {
    return [...this.log.streamIds()].map(([stream, { positions }]) => ({
      stream,
      category: categoryOf(stream),
      events: positions.length,
      lastRevision: positions.length - 1,
      lastPosition: positions.at(-1)!,
    }));
  }

  eventTypes(): { type: string; events: number }[] {
    const counts = new Map<string, number>();
    for (let position = 1; position <= this.log.lastPosition; position++) {
      const type = this.log.typeOf(position)!;
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    return [...counts]
      .map(([type, events]) => ({ type, events }))
      .sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription;
  subscribe(options?: SubscribeOptions): IterableSubscription;
  subscribe(options: SubscribeOptions = {}, handler?: EventHandler): IterableSubscription {
    this.assertOpen();
    const subscription = new LiveSubscription(
      (page) => Promise.resolve(this.log.readAll(page)),
      () => this.log.lastPosition,
      options,
      handler,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  onAppended(listener: AppendedListener): () => void {
    this.appendedListeners.add(listener);
    return () => this.appendedListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    for (const subscription of [...this.subscriptions]) subscription.close();
  }

  /** A read answered from memory, as a promise (a closed store or a bad option rejects, as a folder's read does). */
  private page<T>(read: () => T): Promise<T> {
    try {
      this.assertOpen();
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('Closed', 'The in-memory event store is closed');
  }
}
