import type { RecordedEvent } from '../../shared/event.js';
import { readJournalEvent } from '../../shared/journal/index.js';
import type { JournalPeriod } from '../../shared/report-stamp.js';
import { JournalIndex, TimeZoneDays } from '../journal/index.js';

/**
 * What verify-report adds for a journal digest. The digest used every journal event up to its last
 * position, so events appended since are outside its range, yet some of them change what it shows: an
 * edit, delete, restore or tag of one of the period's entries, or an entry posted (or imported) into the
 * period. This folds the events the digest used to learn its entries, then tells those later events apart.
 */
export class JournalDigestCheck {
  private readonly index = new JournalIndex();
  private entries: Set<string> | undefined;
  private readonly start: number;
  private readonly end: number;
  readonly changes: number[] = [];
  count = 0;

  constructor(readonly period: JournalPeriod) {
    const zone = new TimeZoneDays(period.timeZone);
    this.start = zone.startOf(period.from);
    this.end = zone.endOf(period.to);
  }

  /** An event the digest used. */
  used(event: RecordedEvent): void {
    this.index.apply(event);
  }

  /** An event appended after the digest's range. */
  later(event: RecordedEvent): void {
    const reading = readJournalEvent(event.type, event.data);
    if (reading.kind !== 'journal') return;
    const { data } = reading.event;
    if (!('message' in data)) return;
    const channelMatches = this.period.channel === undefined || data.channel === this.period.channel;
    const at = Date.parse(data.at);
    const intoPeriod =
      reading.event.type === 'MessagePosted' && channelMatches && at >= this.start && at < this.end;
    if (intoPeriod || this.periodEntries().has(data.message)) {
      this.count++;
      if (this.changes.length < 3) this.changes.push(event.position);
    }
  }

  /** The period's entries as the digest saw them, deleted ones too (a restore brings one back). */
  private periodEntries(): Set<string> {
    if (this.entries !== undefined) return this.entries;
    this.entries = new Set();
    for (const record of this.index.messages.values()) {
      if (this.period.channel !== undefined && record.channel !== this.period.channel) continue;
      if (record.at >= this.start && record.at < this.end) this.entries.add(record.id);
    }
    return this.entries;
  }
}
