import type { RecordedEvent } from '../../shared/event.js';
import { truncate } from './output.js';

/** Columns stop growing here, so that one long stream id does not push every line's data off screen. */
const MAX_STREAM_COLUMN = 40;
const MAX_TYPE_COLUMN = 28;

/**
 * Events as `eventfold read` prints them for people: position, time, stream@revision, type and the data on
 * one line, in columns that widen as longer names come along (pages are printed as they are read).
 */
export class EventText {
  private streamWidth = 0;
  private typeWidth = 0;

  constructor(
    private readonly positionWidth: number,
    /** The terminal's width; lines are cut to it. Undefined for pipes and files: nothing is cut. */
    private readonly width: number | undefined,
  ) {}

  /** One line an event; the columns fit this page and every page before it. */
  lines(events: readonly RecordedEvent[]): string[] {
    for (const event of events) {
      const where = `${event.stream}@${event.revision}`.length;
      this.streamWidth = Math.min(MAX_STREAM_COLUMN, Math.max(this.streamWidth, where));
      this.typeWidth = Math.min(MAX_TYPE_COLUMN, Math.max(this.typeWidth, event.type.length));
    }
    return events.map((event) => this.line(event));
  }

  private line(event: RecordedEvent): string {
    const where = `${event.stream}@${event.revision}`;
    const text = [
      String(event.position).padStart(this.positionWidth),
      event.time,
      where.padEnd(this.streamWidth),
      event.type.padEnd(this.typeWidth),
      JSON.stringify(event.data),
    ].join('  ');
    return truncate(text, this.width);
  }
}

/** The one shape `read --json` prints, keys in this order whatever the store's objects hold. */
export function eventJson(event: RecordedEvent): string {
  const { position, stream, revision, id, type, time, data, meta } = event;
  return JSON.stringify({ position, stream, revision, id, type, time, data, meta });
}
