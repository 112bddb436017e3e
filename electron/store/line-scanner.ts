import { CHECKSUM_SUFFIX_BYTES } from './event-line.js';
import { HOLE } from './event-index.js';

/** The fields the index needs from a line, without parsing its data. */
export interface IndexFields {
  position: number;
  revision: number;
  stream: string;
  type: string;
  idHash: number;
  more: number;
  /** The index's numbers for stream and type when the caller already knows them, else -1. */
  streamNumber?: number;
  typeNumber?: number;
  /** The remembered string the stream and type came from (fast path only), where a number can be kept. */
  streamRef?: InternedString | undefined;
  typeRef?: InternedString | undefined;
}

/**
 * A string the scan has seen before, with a number its current user (`owner`: an index, or a worker's
 * chunk) keeps with it, so that the next line naming it costs neither a decode nor a map lookup.
 */
export interface InternedString {
  readonly text: string;
  owner: object | undefined;
  number: number;
}

const enc = (text: string): Uint8Array => Buffer.from(text, 'latin1');
const POSITION = enc('{"position":');
const STREAM = enc(',"stream":"');
const REVISION = enc('","revision":');
const ID = enc(',"id":"');
const TYPE = enc('","type":"');
const MORE = enc(',"more":');

/**
 * Decoded strings by the FNV-1a hash of their bytes. A log repeats a few types and a bounded set of
 * streams endlessly; hashing while looking for the closing quote and comparing a handful of bytes is far
 * cheaper than decoding (and allocating) the same string again for every line.
 */
class StringTable {
  private readonly entries = new Map<number, InternedString>();

  clear(): void {
    this.entries.clear();
  }

  /** The remembered string for these bytes, or undefined when it is not (cannot be) remembered. */
  lookup(source: Buffer, start: number, end: number, hash: number): InternedString | undefined {
    const known = this.entries.get(hash);
    if (known !== undefined && sameAscii(known.text, source, start, end)) return known;
    const text = source.toString('utf8', start, end);
    // Only ASCII strings are kept: for them a character is a byte, so a hit is checked without decoding.
    if (text.length !== end - start || this.entries.size >= MAX_TABLE_ENTRIES) {
      return { text, owner: undefined, number: -1 };
    }
    const entry: InternedString = { text, owner: undefined, number: -1 };
    this.entries.set(hash, entry);
    return entry;
  }
}

const MAX_TABLE_ENTRIES = 20_000;
const streams = new StringTable();
const types = new StringTable();

/** Drops the remembered strings once a large scan is over: the index keeps what it needs. */
export function forgetScannedStrings(): void {
  streams.clear();
  types.clear();
}

function sameAscii(known: string, source: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known.charCodeAt(i) !== source[start + i]) return false;
  return true;
}

/** Set by `plainString`: the FNV-1a hash of the string's bytes (module state, to return two numbers without allocating). */
let stringHash = 0;

/** Index of the closing quote of a string without escapes starting at `at`, or -1 (escapes go the slow way). */
function plainString(bytes: Uint8Array, at: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = at; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === 0x22) {
      stringHash = hash >>> 0;
      return i;
    }
    if (byte === 0x5c || byte < 0x20) return -1;
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return -1;
}

function matchAt(bytes: Uint8Array, at: number, token: Uint8Array): boolean {
  for (let i = 0; i < token.length; i++) if (bytes[at + i] !== token[i]) return false;
  return true;
}

function digitsEnd(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
  return i - at > 0 && i - at <= 15 ? i : -1;
}

function readInt(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (bytes[i]! - 0x30);
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
  stop = plainString(bytes, at, headEnd);
  if (stop <= at) return false;
  const stream = streams.lookup(bytes, at, stop, stringHash)!;
  out.stream = stream.text;
  out.streamRef = stream;
  if (!matchAt(bytes, stop, REVISION)) return false;
  at = stop + REVISION.length;
  stop = digitsEnd(bytes, at, headEnd);
  if (stop < 0 || (bytes[at] === 0x30 && stop - at > 1)) return false;
  out.revision = readInt(bytes, at, stop);
  if (!matchAt(bytes, stop, ID)) return false;
  at = stop + ID.length;
  stop = plainString(bytes, at, headEnd);
  if (stop <= at) return false;
  out.idHash = stringHash === HOLE ? 0 : stringHash;
  if (!matchAt(bytes, stop, TYPE)) return false;
  at = stop + TYPE.length;
  stop = plainString(bytes, at, headEnd);
  if (stop <= at) return false;
  const type = types.lookup(bytes, at, stop, stringHash)!;
  out.type = type.text;
  out.typeRef = type;
  out.more = trailingMore(bytes, stop, headEnd);
  return out.more >= 0;
}

/** `,"more":N` must be the last field before the checksum (docs/FORMAT.md), so it is looked for only there. */
function trailingMore(bytes: Buffer, from: number, headEnd: number): number {
  let digits = headEnd;
  while (digits > from && bytes[digits - 1]! >= 0x30 && bytes[digits - 1]! <= 0x39) digits--;
  if (digits < headEnd && matchAt(bytes, digits - MORE.length, MORE)) {
    return readInt(bytes, digits, headEnd);
  }
  return 0;
}
