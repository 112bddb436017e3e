import { setTimeout as delay, setImmediate as nextTurn } from 'node:timers/promises';
import type { LogPage, PushEvents } from '../../shared/contract.js';
import type { RecordedEvent } from '../../shared/event.js';
import type { EventStore } from '../store/index.js';
import type { CompiledFilter } from './log-filter.js';
import { PositionList } from './position-list.js';
import { Throttle } from './throttle.js';

/** Events read a step while a text or time filter scans the log: big enough to stream, small enough to stay responsive. */
const SCAN_PAGE = 2000;
const PROGRESS_INTERVAL_MS = 100;
const INDEXING_WAIT_MS = 50;
/** How far back a time lookup looks for events written out of time order (clocks of concurrent writers). */
const TIME_SKEW_WINDOW = 256;

/**
 * One log view: the events of a source that pass its filters, addressed by index (0 = oldest match).
 * Unfiltered $all needs no list (index i is position i + 1); any other view keeps the matching positions,
 * found from the index at once, or, for filters that must read lines, by a background scan that pages
 * through the log while `page` already serves what it has found.
 */
export class LogView {
  private readonly list: PositionList | undefined;
  /** Positions up to here have been examined. */
  private covered = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private completed: boolean;
  private readonly progress: Throttle;
  private lastPushed = '';

  constructor(
    readonly id: string,
    private readonly store: EventStore,
    private readonly filter: CompiledFilter,
    private readonly push: (payload: PushEvents['log.progress']) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    const everything = filter.query === undefined && filter.test === undefined;
    this.list = everything ? undefined : new PositionList();
    this.completed = everything && !store.indexing;
    this.progress = new Throttle(PROGRESS_INTERVAL_MS, () => {
      const payload = this.progressPayload();
      const key = `${payload.count} ${payload.complete} ${payload.scanned} ${payload.total}`;
      // A scan's last page and its completion can describe the same state: say it once.
      if (key === this.lastPushed) return;
      this.lastPushed = key;
      this.push(payload);
    });
  }

  get count(): number {
    return this.list === undefined ? this.store.lastPosition : this.list.length;
  }

  get complete(): boolean {
    return this.completed;
  }

  /** Takes in events appended since the last look (and, the first time, the whole log). */
  refresh(): void {
    if (this.closed) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.run()
      .catch((error: unknown) => {
        if (!this.closed) this.onError(error);
      })
      .finally(() => (this.running = undefined));
  }

  /** Resolves when the view has taken in everything the log held when it was last refreshed. */
  async settled(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** For unfiltered $all while a progressive open indexes: the count grows with the index. */
  indexingProgressed(): void {
    if (this.list === undefined) this.progress.request();
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      if (this.list === undefined) await this.store.indexed;
      else await this.catchUp(this.list);
      this.completed = true;
      // Unchanged states are not pushed (see the throttle's action).
      this.progress.flush();
    } while (this.again && !this.closed);
  }

  private async catchUp(list: PositionList): Promise<void> {
    const { store } = this;
    const { query, test } = this.filter;
    // Everything except a forward read of $all needs the whole index.
    if (query !== undefined) await store.indexed;
    while (!this.closed && (this.covered < store.lastPosition || store.indexing)) {
      if (this.covered >= store.lastPosition) {
        // A progressive open is still indexing: the scan follows it.
        await Promise.race([store.indexed.catch(() => undefined), delay(INDEXING_WAIT_MS)]);
        continue;
      }
      const from = this.covered + 1;
      const to = test === undefined ? store.lastPosition : Math.min(store.lastPosition, from + SCAN_PAGE - 1);
      const candidates = query === undefined ? undefined : store.positionsWhere({ ...query, from, to });
      if (test === undefined) {
        list.append(candidates!);
      } else {
        const events =
          candidates === undefined
            ? (await store.readAll({ from, limit: to - from + 1 })).events
            : await store.readPositions(Array.from(candidates));
        list.append(events.filter(test).map((event) => event.position));
        this.covered = to;
        this.progress.request();
        // Let requests (a page of what is found so far) in between pages of the scan.
        await nextTurn();
        continue;
      }
      this.covered = to;
    }
  }

  async page(index: number, limit: number): Promise<LogPage> {
    const count = this.count;
    if (index >= count) return { index, events: [], count };
    const end = Math.min(count, index + limit);
    const events =
      this.list === undefined
        ? (await this.store.readAll({ from: index + 1, limit: end - index })).events
        : await this.store.readPositions(this.list.slice(index, end));
    return { index, events, count };
  }

  /** Index of the first event of the view at or after a position (count when none). */
  locatePosition(position: number): number {
    if (this.list === undefined) return Math.min(Math.max(position - 1, 0), this.count);
    return this.list.lowerBound(position);
  }

  /**
   * Index of the first event at or after a time (count when none). The store stamps events as they are
   * appended, so times grow with position, and a binary search reads only about 20 events. Concurrent
   * writers' clocks may disagree by a little: the events just before the answer are checked too, so an
   * event written slightly out of order is still found.
   */
  async locateTime(time: string): Promise<number> {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const event = await this.eventAt(mid);
      if (event === undefined || event.time < time) low = mid + 1;
      else high = mid;
    }
    const windowStart = Math.max(0, low - TIME_SKEW_WINDOW);
    if (windowStart < low) {
      const before = await this.page(windowStart, low - windowStart);
      const early = before.events.findIndex((event) => event.time >= time);
      if (early !== -1) return windowStart + early;
    }
    return low;
  }

  private async eventAt(index: number): Promise<RecordedEvent | undefined> {
    return (await this.page(index, 1)).events[0];
  }

  close(): void {
    this.closed = true;
    this.progress.cancel();
  }

  private progressPayload(): PushEvents['log.progress'] {
    const total = this.store.lastPosition;
    const scanned = this.list === undefined || this.filter.test === undefined ? total : this.covered;
    return { view: this.id, count: this.count, complete: this.completed, scanned, total };
  }
}
