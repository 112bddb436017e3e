import fs from 'node:fs';
import { crc32c } from './crc32c.js';

/**
 * The bytes of log/journal.bin (docs/FORMAT.md, "The append journal"). All integers are little-endian.
 *
 * Header, at byte 0 of a 4096-byte block:
 *   0  "EFJRNL01"
 *   8  u32 CRC-32C of bytes 12 .. 26 + name length
 *   12 u32 generation
 *   16 u64: bytes of the segment named below known to be on disk when the generation began
 *   24 u16 name length (0: none), then the segment's name in UTF-8
 *
 * Records, one after the other from byte 4096:
 *   0  u32 tag "EFR1"
 *   4  u32 CRC-32C of bytes 8 .. 16 + payload length (generation and length included, so that a torn
 *      header of a record cannot pass for a shorter valid one)
 *   8  u32 generation
 *   12 u32 payload length
 *   16 payload: u16 name length, segment name, u64 offset in the segment, the line bytes
 */
export const JOURNAL_BYTES = 4 * 1024 * 1024;

/**
 * Each record starts on a page of its own. A synced write into the page the previous synced write just
 * sent to disk waits for that write-back to end (the kernel keeps pages stable while they are written);
 * a fresh page does not: measured here, 4 KiB-aligned records sync about 12% faster than packed ones,
 * which is what brings a durable append level with SQLite's WAL (whose frames are whole pages).
 */
export const RECORD_ALIGN = 4096;

export function alignRecord(offset: number): number {
  return Math.ceil(offset / RECORD_ALIGN) * RECORD_ALIGN;
}
export const JOURNAL_HEADER_BYTES = 4096;
/** Below this a journal file is not worth using (a file cut short is rebuilt). */
export const JOURNAL_MIN_BYTES = 2 * JOURNAL_HEADER_BYTES;

const MAGIC = Buffer.from('EFJRNL01', 'latin1');
const RECORD_TAG = Buffer.from('EFR1', 'latin1').readUInt32LE(0);
const RECORD_HEAD = 16;
const MAX_NAME = 255;
const READ_CHUNK = 256 * 1024;
const TWO_32 = 2 ** 32;

/** A place in a segment: everything of `segment` before `end` is on disk or in a record of the journal. */
export interface SegmentMark {
  readonly segment: string;
  readonly end: number;
}

export interface JournalHeader {
  readonly generation: number;
  /** Where the segments were synced up to when the generation began. */
  readonly synced: SegmentMark | undefined;
}

/** One valid record: the exact bytes an append wrote at `offset` of `segment`. */
export interface JournalRecord {
  /** Where the record starts in the journal file. */
  readonly at: number;
  /** Where the next record starts. */
  readonly next: number;
  readonly segment: string;
  readonly offset: number;
  readonly bytes: Buffer;
}

export function encodeHeader(header: JournalHeader): Buffer {
  const name = Buffer.from(header.synced?.segment ?? '', 'utf8');
  if (name.length > MAX_NAME) throw new RangeError('segment name too long for the journal');
  const out = Buffer.alloc(26 + name.length);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(header.generation >>> 0, 12);
  writeU64(out, 16, header.synced?.end ?? 0);
  out.writeUInt16LE(name.length, 24);
  name.copy(out, 26);
  out.writeUInt32LE(crc32c(out.subarray(12)), 8);
  return out;
}

export function decodeHeader(block: Buffer): JournalHeader | undefined {
  if (block.length < 26 || !block.subarray(0, 8).equals(MAGIC)) return undefined;
  const nameLength = block.readUInt16LE(24);
  if (nameLength > MAX_NAME || block.length < 26 + nameLength) return undefined;
  if (crc32c(block.subarray(12, 26 + nameLength)) !== block.readUInt32LE(8)) return undefined;
  const segment = block.toString('utf8', 26, 26 + nameLength);
  return {
    generation: block.readUInt32LE(12),
    synced: nameLength === 0 ? undefined : { segment, end: readU64(block, 16) },
  };
}

export function readHeader(fd: number): JournalHeader | undefined {
  return decodeHeader(readAt(fd, 0, 26 + MAX_NAME));
}

/** The last segment name encoded: records mostly name the same segment, one after the other. */
let lastName = { segment: '', bytes: Buffer.alloc(0) };

function nameBytes(segment: string): Buffer {
  if (lastName.segment !== segment) lastName = { segment, bytes: Buffer.from(segment, 'utf8') };
  return lastName.bytes;
}

/**
 * Encodes a record at the start of `out`, which must have room for `recordSize` bytes; returns its length.
 * A synchronous write reuses one buffer for its records; a chained record (written off the main thread)
 * has its own.
 */
export function writeRecord(
  out: Buffer,
  generation: number,
  segment: string,
  offset: number,
  bytes: Uint8Array,
): number {
  const name = nameBytes(segment);
  const payload = 2 + name.length + 8 + bytes.length;
  out.writeUInt32LE(RECORD_TAG, 0);
  out.writeUInt32LE(generation >>> 0, 8);
  out.writeUInt32LE(payload, 12);
  out.writeUInt16LE(name.length, 16);
  name.copy(out, 18);
  writeU64(out, 18 + name.length, offset);
  out.set(bytes, 26 + name.length);
  out.writeUInt32LE(crc32c(out.subarray(8, RECORD_HEAD + payload)), 4);
  return RECORD_HEAD + payload;
}

/** The size of the record that would hold `lineBytes` for `segment`. */
export function recordSize(segment: string, lineBytes: number): number {
  return RECORD_HEAD + 2 + nameBytes(segment).length + 8 + lineBytes;
}

/**
 * The valid records of `generation` from byte `from` on, up to the first that is not: a zero or foreign
 * tag, another generation (a record left from before the last checkpoint), a length running past the file,
 * or a checksum mismatch (a record torn by a crash).
 */
export function readRecords(
  fd: number,
  fileSize: number,
  generation: number,
  from: number,
  limit = Infinity,
): JournalRecord[] {
  const records: JournalRecord[] = [];
  let chunk: Buffer = Buffer.alloc(0);
  let chunkAt = from;
  let at = from;
  while (records.length < limit && at + RECORD_HEAD <= fileSize) {
    if (at + RECORD_HEAD > chunkAt + chunk.length) {
      chunkAt = at;
      chunk = readAt(fd, at, Math.min(READ_CHUNK, fileSize - at));
      if (chunk.length < RECORD_HEAD) break;
    }
    let head = at - chunkAt;
    if (chunk.readUInt32LE(head) !== RECORD_TAG || chunk.readUInt32LE(head + 8) !== generation >>> 0) break;
    const size = RECORD_HEAD + chunk.readUInt32LE(head + 12);
    if (size < RECORD_HEAD + 10 || at + size > fileSize) break;
    if (head + size > chunk.length) {
      chunkAt = at;
      chunk = readAt(fd, at, Math.max(size, Math.min(READ_CHUNK, fileSize - at)));
      if (chunk.length < size) break;
      head = 0;
    }
    const record = chunk.subarray(head, head + size);
    if (crc32c(record.subarray(8)) !== record.readUInt32LE(4)) break;
    const nameLength = record.readUInt16LE(16);
    if (26 + nameLength > size) break;
    records.push({
      at,
      next: alignRecord(at + size),
      segment: record.toString('utf8', 18, 18 + nameLength),
      offset: readU64(record, 18 + nameLength),
      // A copy: the chunk is reused, and replay may hold records for a while.
      bytes: Buffer.from(record.subarray(26 + nameLength)),
    });
    at = alignRecord(at + size);
  }
  return records;
}

/** Reads up to `length` bytes at `position`; fewer at the end of the file. */
export function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = fs.readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** A u64, little-endian, as two u32: offsets stay far below 2^53. */
function writeU64(buffer: Buffer, at: number, value: number): void {
  buffer.writeUInt32LE(value % TWO_32, at);
  buffer.writeUInt32LE(Math.floor(value / TWO_32), at + 4);
}

function readU64(buffer: Buffer, at: number): number {
  return buffer.readUInt32LE(at) + buffer.readUInt32LE(at + 4) * TWO_32;
}
