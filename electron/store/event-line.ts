import type { JsonValue, RecordedEvent } from '../../shared/event.js';
import { MAX_EVENT_BYTES, MAX_STREAM_ID_BYTES, MAX_EVENT_TYPE_BYTES } from '../../shared/stream-name.js';
import { crc32c } from './crc32c.js';

/**
 * One event is one line: `{...fields...,"crc32c":"xxxxxxxx"}\n`. The checksum covers every byte of the line
 * before `,"crc32c":"`; the 21 bytes after that point are fixed in shape, so together the whole line is checked.
 * docs/FORMAT.md is the specification; this file is its reference implementation.
 */
export const CHECKSUM_SUFFIX_BYTES = 21;
const SUFFIX_HEAD = Buffer.from(',"crc32c":"');
const NEWLINE = 0x0a;

/** An event ready to be written: the caller's JSON already serialised, once, by the validator. */
export interface EncodableEvent {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly dataJson: string;
  readonly metaJson: string;
  /** How many events of the same atomic append follow this one; 0 for the last (omitted from the line). */
  readonly more: number;
}

export function lineHead(event: EncodableEvent, streamJson = JSON.stringify(event.stream)): string {
  const head =
    '{"position":' +
    String(event.position) +
    ',"stream":' +
    streamJson +
    ',"revision":' +
    String(event.revision) +
    ',"id":' +
    JSON.stringify(event.id) +
    ',"type":' +
    JSON.stringify(event.type) +
    ',"time":"' +
    event.time +
    '","data":' +
    event.dataJson +
    ',"meta":' +
    event.metaJson;
  return event.more > 0 ? head + ',"more":' + String(event.more) : head;
}

const HEX = '0123456789abcdef';
function writeChecksumSuffix(target: Buffer, at: number, crc: number): number {
  SUFFIX_HEAD.copy(target, at);
  let p = at + SUFFIX_HEAD.length;
  for (let shift = 28; shift >= 0; shift -= 4) target[p++] = HEX.charCodeAt((crc >>> shift) & 0xf);
  target[p++] = 0x22; // "
  target[p++] = 0x7d; // }
  target[p++] = NEWLINE;
  return p;
}

/** Encodes events into one buffer of complete lines, so that a whole batch is a single write. */
export function encodeLines(heads: readonly string[]): { bytes: Buffer; lineEnds: number[] } {
  // Sized as if every character were one byte (JSON lines mostly are): measuring each line's UTF-8 length
  // first would read every line twice. A line of wider characters that does not fit grows the buffer.
  // (Each head is written by itself: joining a batch's heads into one string first costs more, as every
  // head is a rope of the pieces lineHead joined.)
  let estimate = 0;
  for (const head of heads) estimate += head.length + CHECKSUM_SUFFIX_BYTES + 1;
  let bytes = Buffer.allocUnsafe(estimate);
  // A plain array: for the one line of most appends it costs less to make than a typed array.
  const lineEnds = new Array<number>(heads.length);
  let at = 0;
  for (let i = 0; i < heads.length; i++) {
    const head = heads[i]!;
    const room = bytes.length - at - CHECKSUM_SUFFIX_BYTES - 1;
    let length = bytes.write(head, at, Math.max(room, 0), 'utf8');
    // A write stops short only where the next character's bytes do not fit, within 3 bytes of the end.
    if (length > room - 4) {
      const needed = Buffer.byteLength(head);
      if (needed > length) {
        const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, at + needed + estimate));
        bytes.copy(grown, 0, 0, at);
        bytes = grown;
        length = bytes.write(head, at, needed, 'utf8');
      }
    }
    const crc = crc32c(bytes.subarray(at, at + length));
    at = writeChecksumSuffix(bytes, at + length, crc);
    lineEnds[i] = at;
  }
  return { bytes: at === bytes.length ? bytes : bytes.subarray(0, at), lineEnds };
}

/** Bytes a line takes on disk, newline included, for the size limit check before encoding. */
export function encodedLineBytes(head: string): number {
  return Buffer.byteLength(head) + CHECKSUM_SUFFIX_BYTES + 1;
}

export type LineCheck = { ok: true } | { ok: false; reason: string };
const CHECKED: LineCheck = { ok: true };

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/** Checks the checksum of the line `bytes[start, end)` (end excludes the newline). */
export function checkLineChecksum(bytes: Buffer, start: number, end: number): LineCheck {
  if (end - start < CHECKSUM_SUFFIX_BYTES + 2) return { ok: false, reason: 'line too short to be an event' };
  const suffixAt = end - CHECKSUM_SUFFIX_BYTES;
  for (let i = 0; i < SUFFIX_HEAD.length; i++) {
    if (bytes[suffixAt + i] !== SUFFIX_HEAD[i]) {
      return { ok: false, reason: 'line does not end with a "crc32c" checksum field' };
    }
  }
  let stored = 0;
  for (let i = suffixAt + SUFFIX_HEAD.length; i < end - 2; i++) {
    const digit = hexValue(bytes[i]!);
    if (digit < 0) return { ok: false, reason: 'checksum is not 8 lowercase hex digits' };
    stored = stored * 16 + digit;
  }
  if (bytes[end - 2] !== 0x22 || bytes[end - 1] !== 0x7d) {
    return { ok: false, reason: 'line does not end with "}' };
  }
  const computed = crc32c(bytes.subarray(start, suffixAt));
  if (computed !== stored) {
    return {
      ok: false,
      reason: `checksum mismatch: stored ${stored.toString(16).padStart(8, '0')}, computed ${computed.toString(16).padStart(8, '0')}`,
    };
  }
  return CHECKED;
}

export interface DecodedLine {
  readonly event: RecordedEvent;
  readonly more: number;
}

export type LineDecode = ({ ok: true } & DecodedLine) | { ok: false; reason: string };

const FIELDS = new Set(['position', 'stream', 'revision', 'id', 'type', 'time', 'data', 'meta', 'more']);
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text);
}

/** Full validation of one line, for verify and for lines the fast scanner does not recognise. */
export function decodeLine(bytes: Buffer, start: number, end: number): LineDecode {
  if (end - start + 1 > MAX_EVENT_BYTES)
    return { ok: false, reason: `line longer than ${MAX_EVENT_BYTES} bytes` };
  const checked = checkLineChecksum(bytes, start, end);
  if (!checked.ok) return checked;
  const decoded = parseCheckedLine(bytes.toString('utf8', start, end - CHECKSUM_SUFFIX_BYTES) + '}');
  if (decoded.ok && decoded.more > 0 && !endsWithMore(bytes, start, end - CHECKSUM_SUFFIX_BYTES)) {
    return { ok: false, reason: 'the "more" field must come last, just before "crc32c"' };
  }
  return decoded;
}

/**
 * Readers find `more` just before the checksum (docs/FORMAT.md), so writers must put it there: the bytes
 * before the suffix must read `, "more" : N` (JSON whitespace allowed between the tokens).
 */
function endsWithMore(bytes: Buffer, start: number, headEnd: number): boolean {
  const isSpace = (at: number): boolean => {
    const byte = bytes[at];
    return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
  };
  let at = headEnd - 1;
  while (at > start && isSpace(at)) at--;
  const digitsEnd = at;
  while (at > start && bytes[at]! >= 0x30 && bytes[at]! <= 0x39) at--;
  if (at === digitsEnd) return false;
  while (at > start && isSpace(at)) at--;
  if (bytes[at] !== 0x3a) return false; // :
  at--;
  while (at > start && isSpace(at)) at--;
  if (bytes.toString('latin1', at - 5, at + 1) !== '"more"') return false;
  at -= 6;
  while (at > start && isSpace(at)) at--;
  return bytes[at] === 0x2c; // ,
}

function parseCheckedLine(json: string): LineDecode {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'line is not a JSON object' };
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!FIELDS.has(key)) return { ok: false, reason: `unknown field "${key}"` };
  }
  const { position, stream, revision, id, type, time, data, meta, more } = fields;
  if (!isCount(position, 1)) return { ok: false, reason: 'position is not a whole number >= 1' };
  if (typeof stream !== 'string' || stream === '')
    return { ok: false, reason: 'stream is not a non-empty string' };
  if (utf8Length(stream) > MAX_STREAM_ID_BYTES) {
    return { ok: false, reason: `stream id longer than ${MAX_STREAM_ID_BYTES} bytes` };
  }
  if (!isCount(revision, 0)) return { ok: false, reason: 'revision is not a whole number >= 0' };
  if (typeof id !== 'string' || id === '') return { ok: false, reason: 'id is not a non-empty string' };
  if (typeof type !== 'string' || type === '') return { ok: false, reason: 'type is not a non-empty string' };
  if (utf8Length(type) > MAX_EVENT_TYPE_BYTES) {
    return { ok: false, reason: `type longer than ${MAX_EVENT_TYPE_BYTES} bytes` };
  }
  if (typeof time !== 'string' || !ISO_UTC.test(time)) {
    return { ok: false, reason: 'time is not an ISO-8601 UTC timestamp' };
  }
  if (!('data' in fields) || !('meta' in fields)) return { ok: false, reason: 'data or meta is missing' };
  if (more !== undefined && !isCount(more, 1))
    return { ok: false, reason: 'more is not a whole number >= 1' };
  return {
    ok: true,
    event: { position, stream, revision, id, type, time, data: data as JsonValue, meta: meta as JsonValue },
    more: more ?? 0,
  };
}

/**
 * Reads an event from a line already checked (at open, or by verify): the fast path of every read.
 * Re-checking the checksum here would double the cost of reading for no protection the open scan lacks.
 * The checksum is left out of the text parsed (cheaper than parsing it and copying the event without it);
 * only lines of a multi-event append, which also carry `more`, are copied to drop that field.
 */
export function recordedEventFromLine(line: string): RecordedEvent {
  const raw = JSON.parse(line.slice(0, -CHECKSUM_SUFFIX_BYTES) + '}') as RecordedEvent & { more?: number };
  if (raw.more === undefined) return raw;
  return {
    position: raw.position,
    stream: raw.stream,
    revision: raw.revision,
    id: raw.id,
    type: raw.type,
    time: raw.time,
    data: raw.data,
    meta: raw.meta,
  };
}

export function parseRecordedEvent(bytes: Buffer, start: number, end: number): RecordedEvent {
  return recordedEventFromLine(bytes.toString('utf8', start, end));
}
