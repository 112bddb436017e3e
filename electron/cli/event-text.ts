import type { RecordedEvent } from '../../shared/event.js';
import { truncate } from './output.js';
import { forTerminal, jsonForTerminal } from './terminal-text.js';

/** Columns stop growing here, so that one long stream id does not push every line's data off screen. */
const MAX_STREAM_COLUMN = 40;
const MAX_TYPE_COLUMN = 28;

/**
 * Events as `eventfold read` prints them for people: position, time, stream@revision, type and the data on
 * one line, in columns that widen as longer names come along (pages are printed as they are read).
 * Everything the folder provided is escaped for the terminal (terminal-text.ts).
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
    // Stream ids and types come from the folder: shown escaped, and the columns fit what is shown.
    const shown = events.map((event) => ({
      event,
      where: `${forTerminal(event.stream)}@${event.revision}`,
      type: forTerminal(event.type),
    }));
    for (const { where, type } of shown) {
      this.streamWidth = Math.min(MAX_STREAM_COLUMN, Math.max(this.streamWidth, where.length));
      this.typeWidth = Math.min(MAX_TYPE_COLUMN, Math.max(this.typeWidth, type.length));
    }
    return shown.map(({ event, where, type }) => this.line(event, where, type));
  }

  private line(event: RecordedEvent, where: string, type: string): string {
    const text = [
      String(event.position).padStart(this.positionWidth),
      forTerminal(event.time),
      where.padEnd(this.streamWidth),
      type.padEnd(this.typeWidth),
      jsonForTerminal(event.data),
    ].join('  ');
    return truncate(text, this.width);
  }
}

/** The one shape `read --json` prints, keys in this order whatever the store's objects hold. */
export function eventJson(event: RecordedEvent): string {
  const { position, stream, revision, id, type, time, data, meta } = event;
  return JSON.stringify({ position, stream, revision, id, type, time, data, meta });
}
