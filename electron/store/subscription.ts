import type { RecordedEvent } from '../../shared/event.js';
import { categoryOf } from '../../shared/stream-name.js';
import type { LogReader } from './log-reader.js';

export interface SubscriptionFilter {
  readonly stream?: string;
  readonly category?: string;
  readonly types?: readonly string[];
}

export interface SubscribeOptions extends SubscriptionFilter {
  /** Deliver events after this position: 0 (default) from the start, 'end' only what is appended from now on. */
  readonly after?: number | 'end';
  /** Called when the handler throws; the subscription stops. Default: logged to stderr. */
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

const CATCH_UP_PAGE = 1000;

/**
 * Catch-up, then live: pages are read from the log until the subscription reaches the end, then new events
 * arrive as they are committed. Events appended in this process are handed over from memory; only a
 * subscriber that has fallen behind (or events from other processes) reads the log. Delivery is in
 * position order, one event at a time, awaiting the handler.
 */
export class LiveSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  position: number;
  private closed = false;
  private pumping = false;
  private again = false;
  private offered: RecordedEvent[] = [];
  private markCaughtUp!: () => void;
  private readonly types: Set<string> | undefined;

  constructor(
    private readonly reader: LogReader,
    private readonly lastPosition: () => number,
    private readonly filter: SubscribeOptions,
    private readonly handler: EventHandler,
    private readonly onClose: (subscription: LiveSubscription) => void,
    /** Resolves once the store's index is complete (later than construction after a progressive open). */
    ready: Promise<void> = Promise.resolve(),
  ) {
    this.types = filter.types === undefined ? undefined : new Set(filter.types);
    this.position = filter.after === 'end' ? lastPosition() : (filter.after ?? 0);
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    this.pumping = true;
    void ready.then(
      () => {
        // 'end' means the end of the whole log, known only once it is indexed.
        if (filter.after === 'end') this.position = Math.max(this.position, lastPosition());
        this.pumping = false;
        void this.pump();
      },
      (error: unknown) => {
        this.pumping = false;
        (this.filter.onError ?? ((e: unknown) => console.error('eventfold: subscriber failed:', e)))(error);
        this.close();
      },
    );
  }

  /** New events were committed; `events` holds them when they are in memory. */
  notify(events: readonly RecordedEvent[] | undefined): void {
    if (this.closed) return;
    if (events !== undefined) this.offered.push(...events);
    void this.pump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.offered = [];
    this.markCaughtUp();
    this.onClose(this);
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
      (this.filter.onError ?? ((e: unknown) => console.error('eventfold: subscriber failed:', e)))(error);
      this.close();
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
          ? await this.reader.readAll({
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
