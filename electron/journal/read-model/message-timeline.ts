import { compareRecords, type MessageRecord } from './message-record.js';

/** A point in a channel's order: a message's time and post position (what a page cursor holds). */
export interface TimelineKey {
  readonly at: number;
  readonly postPosition: number;
}

/**
 * The messages of one channel in their order (time posted, then log position), with the counts the
 * channel list shows. New posts almost always go at the end; an import of older entries puts them in the
 * middle, so the order is restored once, when it is next read, instead of on every insert.
 */
export class MessageTimeline {
  private readonly records: MessageRecord[] = [];
  private sorted = true;
  /** Messages not deleted. */
  live = 0;
  /** Pinned messages not deleted. */
  pinned = 0;
  /** Latest `at` of a post or an accepted edit (ms), or null. */
  lastActivity: number | null = null;

  add(record: MessageRecord): void {
    const last = this.records.at(-1);
    if (last !== undefined && compareRecords(last, record) > 0) this.sorted = false;
    this.records.push(record);
    if (!record.deleted) this.live++;
    if (record.pinned && !record.deleted) this.pinned++;
    this.touched(record.at);
  }

  /** A post or an edit happened at this time. */
  touched(at: number): void {
    if (this.lastActivity === null || at > this.lastActivity) this.lastActivity = at;
  }

  /** Every message, deleted ones too, in order. */
  list(): readonly MessageRecord[] {
    if (!this.sorted) {
      this.records.sort(compareRecords);
      this.sorted = true;
    }
    return this.records;
  }

  get size(): number {
    return this.records.length;
  }

  /** Index of the first message at or after the key (size when none). */
  firstAtOrAfter(key: TimelineKey): number {
    const list = this.list();
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const record = list[middle]!;
      if (record.at < key.at || (record.at === key.at && record.postPosition < key.postPosition))
        low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Index of a message of this channel, or -1. */
  indexOf(record: MessageRecord): number {
    const index = this.firstAtOrAfter(record);
    return this.list()[index] === record ? index : -1;
  }

  /** The newest message not deleted. */
  newestLive(): MessageRecord | undefined {
    const list = this.list();
    for (let i = list.length - 1; i >= 0; i--) if (!list[i]!.deleted) return list[i];
    return undefined;
  }
}
