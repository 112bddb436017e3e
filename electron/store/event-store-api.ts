import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from '../../shared/event.js';
import type { ReadAllOptions, ReadPage, ReadStreamOptions, StreamPage } from './log-reader.js';
import type { PagedRead } from './paged-read.js';
import type { EventHandler, IterableSubscription, SubscribeOptions, Subscription } from './subscription.js';

/** A stream as the store lists it. */
export interface StreamInfo {
  readonly stream: string;
  /** The part of the stream id before its first '-' (the whole id when it has none). */
  readonly category: string;
  readonly events: number;
  readonly lastRevision: number;
  readonly lastPosition: number;
}

export interface AppendOptions {
  /** What the stream must be at for the append to happen (default 'any'). */
  readonly expectedRevision?: ExpectedRevision;
}

/** One stream's part of `appendMany`: its events are appended together, all or nothing. */
export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision?: ExpectedRevision;
  /**
   * What errors call the append's events, by index ("line 57" for the CLI's input): the default is
   * "Append 2 of 5, event 3 of 4".
   * @internal
   */
  readonly eventNames?: (index: number) => string;
}

export interface AppendManyOptions {
  /**
   * false (default): the appends go in the order given, each all or nothing, and the first that fails
   * stops the rest: those before it are stored, it and those after it are not.
   * true: all of them or none, across streams (one atomic append; the log's `more` chain spans them).
   */
  readonly atomic?: boolean;
}

/**
 * What every event store offers, whatever keeps its events: a folder (`openEventStore`) or memory
 * (`createMemoryEventStore`, for fast tests of code that appends and reads). Code that only appends, reads
 * and subscribes should depend on this type rather than on a class, so that it runs against either.
 */
export interface EventStoreApi {
  /** Position of the last event; 0 when there is none. */
  readonly lastPosition: number;

  /**
   * Appends events to one stream, all or nothing, checked against `expectedRevision`. Resolves once they
   * are stored (durably, for a folder opened with durability 'always'). Appending events whose ids are
   * all in the stream already with the same content is a retry: it succeeds and writes nothing.
   */
  appendToStream(
    stream: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /**
   * Appends to several streams in one go, in the order given: their events get positions in that order.
   * Resolves with one result a stream append. On failure it rejects with an AppendManyError that says
   * which append failed, why (its `cause`) and what was stored before it (see AppendManyOptions.atomic).
   */
  appendMany(appends: readonly StreamAppend[], options?: AppendManyOptions): Promise<AppendResult[]>;

  /** Events of the whole log (or a stream, a category, some types), forwards or backwards, in pages. */
  readAll(options?: ReadAllOptions): PagedRead<ReadPage>;

  /** Events of one stream by revision; each page says the stream's current revision and whether it exists. */
  readStream(stream: string, options?: ReadStreamOptions): PagedRead<StreamPage>;

  /** Events of the streams of one category ('order' holds 'order-1', 'order-2' and 'order'). */
  readCategory(category: string, options?: Omit<ReadAllOptions, 'category' | 'stream'>): PagedRead<ReadPage>;

  /** Events by position, in the order given; positions with no event are left out. */
  readPositions(positions: readonly number[]): Promise<RecordedEvent[]>;

  /** Position of a stream's event at `revision`; undefined when there is none. */
  streamPositionAt(stream: string, revision: number): number | undefined;

  /** Every stream, in order of first appearance. */
  streams(): StreamInfo[];

  /** Events per type, most frequent first. */
  eventTypes(): { type: string; events: number }[];

  /**
   * Catch-up, then live: the events after `options.after` (default 0, the start; 'end' for only new ones)
   * that match the filter, one at a time, in position order, to `handler` (awaited). Without a handler, the
   * subscription is an async iterable of those events: leaving the `for await` loop closes it.
   */
  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription;
  subscribe(options?: SubscribeOptions): IterableSubscription;

  /** Called with the range of positions each time events are stored; returns a function that stops it. */
  onAppended(
    listener: (range: { readonly firstPosition: number; readonly lastPosition: number }) => void,
  ): () => void;

  /** Waits for appends under way, then releases what the store holds; further calls fail with code 'Closed'. */
  close(): Promise<void>;
}
