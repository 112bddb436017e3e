import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { assertWritableFile, ensureDirectory, inspectEntry } from './folder-entry.js';
import { CACHE_DIR } from './folder-layout.js';
import { crc32c } from './crc32c.js';
import { checkLineChecksum } from './event-line.js';
import { HOLE, type EventIndex, type SegmentEntry } from './event-index.js';
import type { LogState } from './log-state.js';
import { ChunkedU32List } from './u32-list.js';
import { scanIndexFields, type IndexFields } from './line-scanner.js';

/**
 * The index, saved in cache/ so that reopening a large folder reads a few bytes an event instead of the
 * whole log. It is derived data: anything that does not match the log is thrown away and the log scanned.
 *
 * Layout: "EFIDX002", u32 length of a JSON header, the header, padding to 4 bytes, then u32 arrays:
 * streamOf, typeOf, idHashOf (one entry a position) and each segment's offsets, then the CRC-32C of all
 * the bytes before it (u32): a damaged cache would otherwise be trusted and send reads to wrong offsets.
 */
const MAGIC = 'EFIDX002';
const TRAILER_BYTES = 4;
export const INDEX_CACHE_FILE = 'index-v1.bin';

interface CacheHeader {
  readonly folderId: string;
  readonly lastPosition: number;
  readonly streams: string[];
  readonly types: string[];
  readonly segments: {
    name: string;
    firstPosition: number;
    size: number;
    lines: number;
    sealed: boolean;
    offsets: number;
    /** The file as it was when cached: a sealed segment must be untouched, the last one only grown. */
    fileSize: number;
    mtimeMs: number;
  }[];
}

export function indexCachePath(state: LogState): string {
  return path.join(state.layout.cache, INDEX_CACHE_FILE);
}

export async function saveIndexCache(state: LogState): Promise<void> {
  const { index } = state;
  if (state.corruption.length > 0) return;
  const header: CacheHeader = {
    folderId: state.manifest.id,
    lastPosition: index.lastPosition,
    streams: index.streams.map((stream) => stream.id),
    types: index.types,
    segments: index.segments.map((segment) => {
      const stat = fs.statSync(state.layout.segment(segment.name));
      return {
        name: segment.name,
        firstPosition: segment.firstPosition,
        size: segment.size,
        lines: segment.lines,
        sealed: segment.sealed,
        offsets: segment.offsets.length,
        fileSize: stat.size,
        mtimeMs: stat.mtimeMs,
      };
    }),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const headerEnd = align4(MAGIC.length + 4 + headerBytes.length);
  const arrays = [index.streamOf.toArray(), index.typeOf.toArray(), index.idHashOf.toArray()];
  for (const segment of index.segments) arrays.push(segment.offsets.toArray());
  const total = headerEnd + arrays.reduce((sum, array) => sum + array.byteLength, 0) + TRAILER_BYTES;
  const bytes = Buffer.alloc(total);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(bytes, MAGIC.length + 4);
  let at = headerEnd;
  for (const array of arrays) {
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(bytes, at);
    at += array.byteLength;
  }
  bytes.writeUInt32LE(crc32c(bytes.subarray(0, at)), at);
  // Never through a link: cache/ linked elsewhere would make Eventfold write outside the folder.
  ensureDirectory(state.layout.root, CACHE_DIR, 'the cache directory');
  assertWritableFile(state.layout.root, path.join(CACHE_DIR, INDEX_CACHE_FILE), 'the index cache');
  await writeFileAtomic(indexCachePath(state), bytes);
}

/** The cache is read only from a real cache/ directory and a regular file (a FIFO would block the read). */
function cacheReadable(state: LogState): boolean {
  return (
    inspectEntry(state.layout.cache).kind === 'directory' &&
    inspectEntry(indexCachePath(state)).kind === 'file'
  );
}

/** Fills the (empty) index from the cache when the cache still describes the log; false otherwise. */
export async function loadIndexCache(state: LogState): Promise<boolean> {
  if (!cacheReadable(state)) return false;
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(indexCachePath(state));
  } catch {
    return false;
  }
  if (bytes.length < MAGIC.length + 4 + TRAILER_BYTES) return false;
  const body = bytes.subarray(0, bytes.length - TRAILER_BYTES);
  if (crc32c(body) !== bytes.readUInt32LE(body.length)) return false;
  try {
    if (!restoreIndex(state, body)) return false;
  } catch {
    // A cache that passes its checksum yet does not fit together was written by some other program or
    // version: it is only an accelerator, so the log is scanned instead.
    return invalidate(state.index);
  }
  // The cache says which segments are sealed; their seals are checked as a scan of the log checks them.
  for (const segment of state.index.segments) {
    if (segment.sealed) state.checkSeal(segment, state.files.size(segment.name));
  }
  return true;
}

function restoreIndex(state: LogState, bytes: Buffer): boolean {
  const header = readHeader(bytes);
  if (header?.folderId !== state.manifest.id) return false;
  if (!header.segments.every((segment) => segmentStillMatches(state, segment))) return false;
  const { index } = state;
  const positions = header.lastPosition;
  let at = align4(MAGIC.length + 4 + bytes.readUInt32LE(MAGIC.length));
  const take = (count: number): Uint32Array | undefined => {
    if (at + count * 4 > bytes.length) return undefined;
    const start = bytes.byteOffset + at;
    at += count * 4;
    // The file's own buffer is 4-aligned (a file this size is read into a buffer of its own): the index
    // keeps views of it instead of copies. The arrays were written in this machine's byte order.
    if (start % 4 === 0) return new Uint32Array(bytes.buffer, start, count);
    const array = new Uint32Array(count);
    Buffer.from(array.buffer).set(
      bytes.subarray(start - bytes.byteOffset, start - bytes.byteOffset + count * 4),
    );
    return array;
  };
  const streamOf = take(positions);
  const typeOf = take(positions);
  const idHashOf = take(positions);
  if (streamOf === undefined || typeOf === undefined || idHashOf === undefined) return false;
  const offsets: Uint32Array[] = [];
  for (const segment of header.segments) {
    const array = take(segment.offsets);
    if (array === undefined) return false;
    offsets.push(array);
  }
  index.restore({
    streams: header.streams,
    types: header.types,
    streamOf,
    typeOf: ChunkedU32List.fromArray(typeOf),
    idHashOf: ChunkedU32List.fromArray(idHashOf),
  });
  header.segments.forEach((cached, i) => {
    const segment: SegmentEntry = index.addSegment(cached.name, cached.firstPosition);
    Object.assign(segment, { offsets: ChunkedU32List.fromArray(offsets[i]!) });
    segment.size = cached.size;
    segment.lines = cached.lines;
    segment.sealed = cached.sealed;
    segment.verifiedFrom = cached.size;
  });
  return lastLinesStillMatch(state);
}

function readHeader(bytes: Buffer): CacheHeader | undefined {
  if (bytes.length < MAGIC.length + 4 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC)
    return undefined;
  const length = bytes.readUInt32LE(MAGIC.length);
  try {
    return JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + length)) as CacheHeader;
  } catch {
    return undefined;
  }
}

/**
 * A file edited in place since it was cached (same size, new modification time) is scanned again;
 * one that only grew was appended to, and only the new part is read. Damage that leaves the modification
 * time alone (bit rot) is what `eventfold verify` is for.
 */
function segmentStillMatches(state: LogState, cached: CacheHeader['segments'][number]): boolean {
  try {
    // A link (or anything but a regular file) is for a scan of the log to find and report.
    const stat = fs.lstatSync(state.layout.segment(cached.name));
    if (!stat.isFile()) return false;
    if (cached.sealed) return stat.size === cached.fileSize && stat.mtimeMs === cached.mtimeMs;
    if (stat.size < cached.size) return false;
    return stat.size > cached.fileSize || stat.mtimeMs === cached.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * The last cached line of every segment must still be where the cache says, intact, with the position
 * the cache expects: this catches a log replaced or rewritten since (a restored backup, a sync conflict).
 */
function lastLinesStillMatch(state: LogState): boolean {
  const { index } = state;
  const fields: IndexFields = { position: 0, revision: 0, stream: '', type: '', idHash: 0, more: 0 };
  for (const segment of index.segments) {
    let last = segment.offsets.length - 1;
    while (last >= 0 && segment.offsets.get(last) === HOLE) last--;
    if (last < 0) continue;
    const offset = segment.offsets.get(last);
    const end = index.lineEnd(segment, last);
    const line = state.files.readSync(segment.name, offset, end - offset);
    if (line.length !== end - offset || line[line.length - 1] !== 0x0a) return invalidate(index);
    if (!checkLineChecksum(line, 0, line.length - 1).ok) return invalidate(index);
    if (
      scanIndexFields(line, 0, line.length - 1, fields) &&
      fields.position !== segment.firstPosition + last
    ) {
      return invalidate(index);
    }
  }
  return true;
}

function invalidate(index: EventIndex): false {
  index.reset();
  return false;
}

function align4(value: number): number {
  return (value + 3) & ~3;
}
