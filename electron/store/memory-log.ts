import type { JsonValue, RecordedEvent } from '../../shared/event.js';
import { categoryOf } from '../../shared/stream-name.js';
import type { Placed, StoredEvents } from './append-plan.js';
import type { EncodableEvent } from './event-line.js';
import { isForwards, pageLimit, startPosition, startRevision } from './read-bounds.js';
import { type ReadAllOptions, type ReadPage, type ReadStreamOptions, type StreamPage } from './log-reader.js';

interface MemoryStream {
  readonly positions: number[];
  readonly ids: Map<string, number>;
}

/**
 * The events of a MemoryEventStore, kept as the folder keeps them: JSON text, parsed afresh on every read,
 * so that a caller changing what it read (or what it appended) changes nothing stored. Reads page exactly
 * as the folder's reader does.
 */
export class MemoryLog implements StoredEvents {
  private readonly events: EncodableEvent[] = [];
  private readonly byStream = new Map<string, MemoryStream>();

  get lastPosition(): number {
    return this.events.length;
  }

  lastRevision(stream: string): number {
    return (this.byStream.get(stream)?.positions.length ?? 0) - 1;
  }

  findId(stream: string, id: string): Placed | undefined {
    const position = this.byStream.get(stream)?.ids.get(id);
    if (position === undefined) return undefined;
    return { content: this.events[position - 1]!, position };
  }

  /** Stores planned events (their positions follow on from the last one). */
  add(events: readonly EncodableEvent[]): void {
    for (const event of events) {
      let stream = this.byStream.get(event.stream);
      if (stream === undefined) this.byStream.set(event.stream, (stream = { positions: [], ids: new Map() }));
      stream.positions.push(event.position);
      stream.ids.set(event.id, event.position);
      this.events.push(event);
    }
  }

  /** Streams in order of first appearance. */
  streamIds(): MapIterator<[string, MemoryStream]> {
    return this.byStream.entries();
  }

  positionAt(stream: string, revision: number): number | undefined {
    return this.byStream.get(stream)?.positions[revision];
  }

  event(position: number): RecordedEvent | undefined {
    const event = this.events[position - 1];
    if (event === undefined) return undefined;
    return {
      position: event.position,
      stream: event.stream,
      revision: event.revision,
      id: event.id,
      type: event.type,
      time: event.time,
      data: JSON.parse(event.dataJson) as JsonValue,
      meta: JSON.parse(event.metaJson) as JsonValue,
    };
  }

  typeOf(position: number): string | undefined {
    return this.events[position - 1]?.type;
  }

  readAll(options: ReadAllOptions = {}): ReadPage {
    const forwards = isForwards(options.direction);
    const limit = pageLimit(options.limit);
    const last = this.lastPosition;
    let position = startPosition(options.from, forwards, last);
    const types = options.types === undefined ? undefined : new Set(options.types);
    const events: RecordedEvent[] = [];
    while (events.length < limit && position >= 1 && position <= last) {
      const event = this.events[position - 1]!;
      if (
        (options.stream === undefined || event.stream === options.stream) &&
        (options.category === undefined || categoryOf(event.stream) === options.category) &&
        (types === undefined || types.has(event.type))
      )
        events.push(this.event(position)!);
      position += forwards ? 1 : -1;
    }
    return { events, next: position >= 1 && position <= last ? position : null };
  }

  readStream(stream: string, options: ReadStreamOptions = {}): StreamPage {
    const forwards = isForwards(options.direction);
    const limit = pageLimit(options.limit);
    const entry = this.byStream.get(stream);
    const lastRevision = entry === undefined ? -1 : entry.positions.length - 1;
    let revision = startRevision(options.fromRevision, forwards, lastRevision);
    if (entry === undefined)
      return { events: [], next: null, streamExists: false, currentRevision: 'no-stream' };
    const events: RecordedEvent[] = [];
    while (events.length < limit && revision >= 0 && revision <= lastRevision) {
      events.push(this.event(entry.positions[revision]!)!);
      revision += forwards ? 1 : -1;
    }
    const next = revision >= 0 && revision <= lastRevision ? revision : null;
    return { events, next, streamExists: true, currentRevision: lastRevision };
  }
}
