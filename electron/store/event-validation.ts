import { randomUUID } from 'node:crypto';
import type { EventToAppend, ExpectedRevision } from '../../shared/event.js';
import {
  MAX_EVENT_BYTES,
  MAX_EVENT_TYPE_BYTES,
  MAX_STREAM_ID_BYTES,
  utf8ByteLength,
} from '../../shared/stream-name.js';
import { encodedLineBytes, lineHead } from './event-line.js';
import { StoreError } from '../../shared/store-error.js';

/** An event checked and serialised once, before it waits for the write lock. */
export interface PreparedEvent {
  readonly type: string;
  readonly id: string;
  /** True when the caller chose the id: only then can it already be in the stream. */
  readonly idGiven: boolean;
  readonly dataJson: string;
  readonly metaJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_JSON_DEPTH = 512;

export function validateStreamId(stream: unknown): string {
  if (typeof stream !== 'string' || stream === '') {
    throw new StoreError('InvalidEvent', 'Stream id must be a non-empty string', { stream });
  }
  // A UTF-16 unit takes at most 3 bytes in UTF-8: most ids are too short to need counting.
  if (stream.length * 3 <= MAX_STREAM_ID_BYTES) return stream;
  const bytes = utf8ByteLength(stream);
  if (bytes > MAX_STREAM_ID_BYTES) {
    throw new StoreError(
      'InvalidEvent',
      `Stream id is ${bytes} bytes long; the limit is ${MAX_STREAM_ID_BYTES} bytes (UTF-8)`,
      { streamBytes: bytes, limit: MAX_STREAM_ID_BYTES },
    );
  }
  return stream;
}

export function validateExpectedRevision(expected: unknown): ExpectedRevision {
  if (expected === 'any' || expected === 'no-stream' || expected === 'exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new StoreError(
    'InvalidArgument',
    `Expected revision must be a whole number >= 0, "any", "no-stream" or "exists", not ${JSON.stringify(expected)}`,
    { expected },
  );
}

/**
 * Which event an error names ("Event 3 of 1000"): a function when the text is only needed on failure, so
 * that a batch of a thousand events does not build a thousand names for nothing.
 */
export type EventWhere = string | (() => string);

function named(where: EventWhere): string {
  return typeof where === 'string' ? where : where();
}

export function prepareEvent(event: EventToAppend, where: EventWhere): PreparedEvent {
  if (typeof event !== 'object' || event === null) {
    throw new StoreError('InvalidEvent', `${named(where)} is not an object`);
  }
  const { type, id } = event;
  if (typeof type !== 'string' || type === '') {
    throw new StoreError('InvalidEvent', `${named(where)}: event type must be a non-empty string`, { type });
  }
  if (type.length * 3 > MAX_EVENT_TYPE_BYTES && utf8ByteLength(type) > MAX_EVENT_TYPE_BYTES) {
    throw new StoreError(
      'InvalidEvent',
      `${named(where)}: event type is longer than ${MAX_EVENT_TYPE_BYTES} bytes`,
      {
        type: type.slice(0, 64),
      },
    );
  }
  if (id !== undefined && (typeof id !== 'string' || !UUID.test(id))) {
    throw new StoreError(
      'InvalidEvent',
      `${named(where)}: event id must be a UUID, not ${JSON.stringify(id)}`,
      { id },
    );
  }
  return {
    type,
    id: id === undefined ? randomUUID() : id.toLowerCase(),
    idGiven: id !== undefined,
    dataJson: jsonText(event.data, where, 'data'),
    metaJson: jsonText(event.meta, where, 'meta'),
  };
}

function jsonText(value: unknown, where: EventWhere, field: 'data' | 'meta'): string {
  // Left out, data and meta are stored as {}.
  if (value === undefined) return '{}';
  if (!isJson(value, 0)) explainNotJson(value, `${named(where)} ${field}`, 0, new Set());
  return JSON.stringify(value);
}

/**
 * JSON.stringify quietly turns NaN into null, drops undefined and functions, and calls toJSON on dates:
 * stored events must be exactly what the caller sees when reading them back, so those are refused.
 * This check runs on every appended event, so it builds no strings; `explainNotJson` finds the path after.
 */
function isJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) if (!isJson(item, depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) if (!isJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Throws an error naming where in the value the first non-JSON part is. */
function explainNotJson(value: unknown, path: string, depth: number, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw notJson(path, `${String(value)} is not a JSON number`);
      return;
    case 'object': {
      if (value === null) return;
      if (seen.has(value)) throw notJson(path, 'refers to itself (a cycle)');
      if (depth > MAX_JSON_DEPTH) throw notJson(path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) explainNotJson(value[i], `${path}[${i}]`, depth + 1, seen);
      } else {
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) throw notJson(path, 'is not a plain object');
        for (const [key, item] of Object.entries(value))
          explainNotJson(item, `${path}.${key}`, depth + 1, seen);
      }
      seen.delete(value);
      return;
    }
    default:
      throw notJson(path, `${typeof value} is not a JSON value`);
  }
}

function notJson(path: string, reason: string): StoreError {
  return new StoreError('InvalidEvent', `${path} is not JSON: ${reason}`, { path });
}

/** The most bytes the event's line can take, whatever position and revision it gets. */
export function assertEventFits(stream: string, event: PreparedEvent, where: EventWhere): void {
  // String length x 6 bounds both JSON escaping and UTF-8; only events near the limit are measured exactly.
  const roughBound =
    6 * (event.dataJson.length + event.metaJson.length + stream.length + event.type.length) + 300;
  if (roughBound <= MAX_EVENT_BYTES) return;
  const bytes = encodedLineBytes(
    lineHead({
      position: Number.MAX_SAFE_INTEGER,
      stream,
      revision: Number.MAX_SAFE_INTEGER,
      id: event.id,
      type: event.type,
      time: '0000-00-00T00:00:00.000Z',
      dataJson: event.dataJson,
      metaJson: event.metaJson,
      more: Number.MAX_SAFE_INTEGER,
    }),
  );
  if (bytes > MAX_EVENT_BYTES) {
    throw new StoreError(
      'EventTooLarge',
      `${named(where)} (type "${event.type}") takes ${bytes} bytes stored; the limit is ${MAX_EVENT_BYTES} bytes (1 MiB)`,
      { stream, type: event.type, bytes, limit: MAX_EVENT_BYTES },
    );
  }
}
