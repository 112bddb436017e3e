import type { RecordedEvent } from '../../shared/event.js';
import { categoryOf } from '../../shared/stream-name.js';
import { EventBuffer } from './event-buffer.js';
import type { ReadAllOptions, ReadPage } from './log-reader.js';
import { subscribeAfter } from './read-bounds.js';

export interface SubscriptionFilter {
  readonly stream?: string;
  readonly category?: string;
  readonly types?: readonly string[];
}

export interface SubscribeOptions extends SubscriptionFilter {
  /**
   * Deliver events after this position: 0 (default) from the start, 'end' only what is appended from now
   * on (every event stored after `subscribe()` returns, none this store knew of before; an append by
   * another process that its watcher had not reported yet counts as new).
   */
  readonly after?: number | 'end';
  /** Called when the handler throws; the subscription stops. Default: logged to stderr (an iterated one throws). */
  readonly onError?: (error: unknown) => void;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface Subscription {
  /** Resolves once every event that existed at subscribe time has been delivered. */
  readonly caughtUp: Promise<void>;
  /** Position of the last event delivered (or passed over by the filter). */
  readonly position: number;
  close(): void;
}

/** A subscription made without a handler: `for await` over it; leaving the loop closes it. */
export interface IterableSubscription extends Subscription, AsyncIterable<RecordedEvent> {}

/** How a subscription reads the log while it catches up (the store's own page read). */
export type PageSource = (options: ReadAllOptions) => Promise<ReadPage>;

const CATCH_UP_PAGE = 1000;

/**
 * Catch-up, then live: pages are read from the log until the subscription reaches the end, then new events
 * arrive as they are committed. Events appended in this process are handed over from memory; only a
 * subscriber that has fallen behind (or events from other processes) reads the log. Delivery is in
 * position order, one event at a time, awaiting the handler.
 */
export class LiveSubscription implements IterableSubscription {
  readonly caughtUp: Promise<void>;
  position: number;
  private closed = false;
  private pumping = false;
  private again = false;
  private offered: RecordedEvent[] = [];
  private markCaughtUp!: () => void;
  private readonly types: Set<string> | undefined;
  private readonly handler: EventHandler;
  /** Set when the subscription was made without a handler, to be iterated. */
  private readonly buffer: EventBuffer | undefined;

  constructor(
    private readonly readPage: PageSource,
    private readonly lastPosition: () => number,
    private readonly filter: SubscribeOptions,
    handler: EventHandler | undefined,
    private readonly onClose: (subscription: LiveSubscription) => void,
    /**
     * Only while the store is still indexing (a progressive open): resolves with the log's last position at
     * the moment the index became complete, which is where 'end' is.
     */
    indexedEnd?: Promise<number>,
  ) {
    // Checked before anything starts, so that subscribe() itself throws for a bad start.
    const after = subscribeAfter(filter.after);
    this.types = filter.types === undefined ? undefined : new Set(filter.types);
    if (handler === undefined) this.buffer = new EventBuffer();
    this.handler = handler ?? this.buffer!.put;
    // 'end' is fixed now, while subscribe() runs: an event stored from here on, even one that an append
    // already under way stores before the first delivery, comes after it and is delivered.
    this.position = after === 'end' ? lastPosition() : after;
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    // The handler is never called before subscribe() returns; events stored meanwhile wait in `offered`.
    this.pumping = true;
    const ready = indexedEnd ?? Promise.resolve(undefined);
    void ready.then(
      (end) => {
        // After a progressive open the end of the log is known only once it is indexed: it is the position
        // the index reached then, not the position now (appends queued behind the indexing may be stored).
        if (filter.after === 'end' && end !== undefined) this.position = end;
        this.pumping = false;
        void this.pump();
      },
      (error: unknown) => {
        this.pumping = false;
        this.fail(error);
      },
    );
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.buffer === undefined) {
      throw new TypeError(
        'This subscription delivers its events to its handler; subscribe without a handler to iterate',
      );
    }
    return this.buffer.read(() => this.close());
  }

  /** New events were committed; `events` holds them when they are in memory. */
  notify(events: readonly RecordedEvent[] | undefined): void {
    if (this.closed) return;
    // Not push(...events): one atomic append may hold more events than a call takes arguments.
    if (events !== undefined) for (const event of events) this.offered.push(event);
    void this.pump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.offered = [];
    this.markCaughtUp();
    this.buffer?.end();
    this.onClose(this);
  }

  private fail(error: unknown): void {
    if (this.buffer !== undefined) this.buffer.fail(error);
    if (this.filter.onError !== undefined) this.filter.onError(error);
    else if (this.buffer === undefined) console.error('eventfold: subscriber failed:', error);
    this.close();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        await this.deliverAvailable();
      } while (this.again && !this.closed);
    } catch (error) {
      this.fail(error);
    } finally {
      this.pumping = false;
    }
  }

  private async deliverAvailable(): Promise<void> {
    while (!this.closed && this.position < this.lastPosition()) {
      const fromMemory = this.takeOffered();
      const lastBefore = this.lastPosition();
      const page =
        fromMemory === undefined
          ? await this.readPage({
              from: this.position + 1,
              limit: CATCH_UP_PAGE,
              ...(this.filter.stream === undefined ? {} : { stream: this.filter.stream }),
              ...(this.filter.category === undefined ? {} : { category: this.filter.category }),
              ...(this.filter.types === undefined ? {} : { types: this.filter.types }),
            })
          : undefined;
      const events = fromMemory ?? page?.events ?? [];
      // A page that ended early still covered the log as it stood when it was read.
      const upTo =
        page === undefined
          ? (fromMemory?.at(-1)?.position ?? this.position)
          : page.next === null
            ? lastBefore
            : page.next - 1;
      for (const event of events) {
        if (this.closed) return;
        if (event.position <= this.position) continue;
        if (this.matches(event)) await this.handler(event);
        this.position = event.position;
      }
      this.position = Math.max(this.position, upTo);
    }
    if (!this.closed) this.markCaughtUp();
  }

  /** Offered events that continue exactly where delivery stands; otherwise the log is read. */
  private takeOffered(): RecordedEvent[] | undefined {
    const start = this.offered.findIndex((event) => event.position === this.position + 1);
    if (start === -1) {
      this.offered = this.offered.filter((event) => event.position > this.position);
      return undefined;
    }
    let end = start + 1;
    while (
      end < this.offered.length &&
      this.offered[end]?.position === (this.offered[end - 1]?.position ?? 0) + 1
    )
      end++;
    const events = this.offered.slice(start, end);
    this.offered = this.offered.slice(end);
    return events;
  }

  private matches(event: RecordedEvent): boolean {
    const { stream, category } = this.filter;
    if (stream !== undefined && event.stream !== stream) return false;
    if (category !== undefined && categoryOf(event.stream) !== category) return false;
    return this.types === undefined || this.types.has(event.type);
  }
}
