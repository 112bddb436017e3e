import type { AppendResult } from '../../../shared/event.js';
import { formatCount } from '../units.js';
import type { BatchAppend } from './import-batch.js';

/** What an import has stored so far, for its summary, its progress line and a failure's message. */
export class ImportTally {
  /** Input lines read (blank ones included): progress. */
  linesRead = 0;
  /** The last input line whose append is stored; the lines up to it are all stored. */
  storedThroughLine = 0;
  /** Events stored by this import… */
  written = 0;
  /** …and events that were there already (same id and content): a rerun's retries. */
  already = 0;
  firstPosition: number | undefined;
  lastPosition: number | undefined;

  add(append: BatchAppend, result: AppendResult): void {
    this.storedThroughLine = append.lines.at(-1)!;
    if (result.duplicate) {
      this.already += append.events.length;
      return;
    }
    this.written += append.events.length;
    this.firstPosition ??= result.firstPosition;
    this.lastPosition = result.lastPosition;
  }

  /** "lines 1-6 were appended (5 events at positions 2-6)", or "nothing was appended". */
  describe(): string {
    if (this.storedThroughLine === 0) return 'nothing was appended';
    const lines =
      this.storedThroughLine === 1 ? 'line 1 was' : `lines 1-${formatCount(this.storedThroughLine)} were`;
    return `${lines} appended (${this.events()})`;
  }

  /** "5 events at positions 2-6; 3 were there already (same ids and content)". */
  events(): string {
    const written =
      this.written === 0
        ? 'no new events'
        : `${formatCount(this.written)} ${this.written === 1 ? 'event' : 'events'} at ` +
          (this.firstPosition === this.lastPosition
            ? `position ${formatCount(this.firstPosition!)}`
            : `positions ${formatCount(this.firstPosition!)}-${formatCount(this.lastPosition!)}`);
    if (this.already === 0) return written;
    const verb = this.already === 1 ? 'was' : 'were';
    return `${written}; ${formatCount(this.already)} ${verb} there already (same ids and content)`;
  }
}
