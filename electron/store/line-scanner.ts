import { CHECKSUM_SUFFIX_BYTES } from './event-line.js';
import { hashIdBytes } from './event-index.js';

/** The fields the index needs from a line, without parsing its data. */
export interface IndexFields {
  position: number;
  revision: number;
  stream: string;
  type: string;
  idHash: number;
  more: number;
}

const enc = (text: string): Uint8Array => Buffer.from(text, 'latin1');
const POSITION = enc('{"position":');
const STREAM = enc(',"stream":"');
const REVISION = enc('","revision":');
const ID = enc(',"id":"');
const TYPE = enc('","type":"');
const MORE = enc(',"more":');

/**
 * Remembers the last string decoded at a field: logs tend to repeat the stream and type of the line
 * before, and comparing a few bytes is cheaper than decoding them again.
 */
class RepeatedString {
  private bytes = Buffer.alloc(0);
  private text = '';

  decode(source: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length === this.bytes.length && source.compare(this.bytes, 0, length, start, end) === 0) return this.text;
    this.bytes = Buffer.from(source.subarray(start, end));
    this.text = this.bytes.toString('utf8');
    return this.text;
  }
}

const lastStream = new RepeatedString();
const lastType = new RepeatedString();

function matchAt(bytes: Uint8Array, at: number, token: Uint8Array): boolean {
  for (let i = 0; i < token.length; i++) if (bytes[at + i] !== token[i]) return false;
  return true;
}

/** Index of the closing quote of a string without escapes starting at `at`, or -1 (escapes go the slow way). */
function plainStringEnd(bytes: Uint8Array, at: number, end: number): number {
  for (let i = at; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0x22) return i;
    if (byte === 0x5c || (byte as number) < 0x20) return -1;
  }
  return -1;
}

function digitsEnd(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  while (i < end && (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39) i++;
  return i - at > 0 && i - at <= 15 ? i : -1;
}

function readInt(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + ((bytes[i] as number) - 0x30);
  return value;
}

/**
 * Reads the index fields of a line in the exact shape Eventfold writes, by looking at bytes.
 * Returns false for anything else (other field orders, escapes, whitespace): the caller then parses
 * the line in full, so lines from other writers are handled, only slower. The checksum is checked apart.
 */
export function scanIndexFields(bytes: Buffer, start: number, end: number, out: IndexFields): boolean {
  const headEnd = end - CHECKSUM_SUFFIX_BYTES;
  if (!matchAt(bytes, start, POSITION)) return false;
  let at = start + POSITION.length;
  let stop = digitsEnd(bytes, at, headEnd);
  if (stop < 0 || bytes[at] === 0x30) return false;
  out.position = readInt(bytes, at, stop);
  if (!matchAt(bytes, stop, STREAM)) return false;
  at = stop + STREAM.length;
  stop = plainStringEnd(bytes, at, headEnd);
  if (stop <= at) return false;
  out.stream = lastStream.decode(bytes, at, stop);
  if (!matchAt(bytes, stop, REVISION)) return false;
  at = stop + REVISION.length;
  stop = digitsEnd(bytes, at, headEnd);
  if (stop < 0 || (bytes[at] === 0x30 && stop - at > 1)) return false;
  out.revision = readInt(bytes, at, stop);
  if (!matchAt(bytes, stop, ID)) return false;
  at = stop + ID.length;
  stop = plainStringEnd(bytes, at, headEnd);
  if (stop <= at) return false;
  out.idHash = hashIdBytes(bytes, at, stop);
  if (!matchAt(bytes, stop, TYPE)) return false;
  at = stop + TYPE.length;
  stop = plainStringEnd(bytes, at, headEnd);
  if (stop <= at) return false;
  out.type = lastType.decode(bytes, at, stop);
  out.more = trailingMore(bytes, stop, headEnd);
  return out.more >= 0;
}

/** `,"more":N` must be the last field before the checksum (docs/FORMAT.md), so it is looked for only there. */
function trailingMore(bytes: Buffer, from: number, headEnd: number): number {
  let digits = headEnd;
  while (digits > from && (bytes[digits - 1] as number) >= 0x30 && (bytes[digits - 1] as number) <= 0x39)
    digits--;
  if (digits < headEnd && matchAt(bytes, digits - MORE.length, MORE)) {
    return readInt(bytes, digits, headEnd);
  }
  return 0;
}
