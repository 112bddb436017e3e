import { IdHashTable } from './id-hash-table.js';
import { ChunkedU32List, U32List } from './u32-list.js';

/** Marks a position with no valid event (a corrupt line), in every per-position list. */
export const HOLE = 0xffffffff;

export interface SegmentEntry {
  /** File name inside log/, e.g. `000000000001.jsonl`. */
  readonly name: string;
  /** Position the segment's name promises for its first event. */
  readonly firstPosition: number;
  /** Byte offset of each event's line, by position - firstPosition; HOLE where no valid line is. */
  readonly offsets: ChunkedU32List;
  /** Bytes of the file covered by complete atomic appends; what lies beyond is not yet written or torn. */
  size: number;
  /** Lines (valid or not) within `size`, so that problems found later get the right line numbers. */
  lines: number;
  /** Sealed segments are complete: their size and hash are recorded and they are never appended to. */
  sealed: boolean;
  /** Lines before this offset came from the index cache unread: their checksums are checked when read. */
  verifiedFrom: number;
  /** The file is not one that can be read (a directory, a FIFO, a dangling link): it holds no events. */
  unreadable?: true;
}

export interface StreamEntry {
  readonly id: string;
  /** Positions of the stream's events; the revision of an event is its index here. */
  readonly positions: U32List;
}

/**
 * Everything the store keeps in memory about the log: about 20 bytes an event.
 * Per position: segment offset, stream number, type number, id hash. Per stream: its positions.
 */
export class EventIndex {
  readonly segments: SegmentEntry[] = [];
  private readonly entries: StreamEntry[] = [];
  /** Streams restored from the cache but not yet laid out (a warm open leaves that to first use). */
  private unbuilt: { readonly ids: readonly string[]; readonly streamOf: Uint32Array } | undefined;
  readonly types: string[] = [];
  streamOf = new ChunkedU32List();
  typeOf = new ChunkedU32List();
  idHashOf = new ChunkedU32List();
  private readonly streamNumbers = new Map<string, number>();
  private readonly typeNumbers = new Map<string, number>();
  /**
   * For streams with a revision out of order (a damaged log): how far the stored revisions are ahead of
   * the events indexed, so that one missing event is reported once, not again for every later one.
   */
  readonly revisionSkew = new Map<string, number>();
  private idTable: IdHashTable | undefined;
  /**
   * The stream looked up last, and its number: an append looks its stream up to plan and again to index
   * it, and a second look into a map of thousands of streams is a cache miss on a busy path.
   */
  private lastStream = '';
  private lastStreamNumber = -1;

  /** Positions of events whose id hashes to `hash` (the table is built on first use). */
  positionsWithIdHash(hash: number): number[] {
    if (this.idTable === undefined) {
      const table = new IdHashTable((position) => this.idHashOf.get(position - 1));
      for (let position = 1; position <= this.lastPosition; position++) {
        if (this.streamOf.get(position - 1) !== HOLE) table.insert(position);
      }
      this.idTable = table;
    }
    return this.idTable.find(hash);
  }

  /** Every stream, by number. */
  get streams(): readonly StreamEntry[] {
    if (this.unbuilt !== undefined) this.buildStreams();
    return this.entries;
  }

  /** Fills an empty index from the cache (segments are added by the caller). */
  restore(saved: {
    streams: readonly string[];
    types: readonly string[];
    streamOf: Uint32Array;
    typeOf: ChunkedU32List;
    idHashOf: ChunkedU32List;
  }): void {
    this.reset();
    this.streamOf = ChunkedU32List.fromArray(saved.streamOf);
    this.unbuilt = { ids: saved.streams, streamOf: saved.streamOf };
    saved.types.forEach((type, number) => {
      this.types.push(type);
      this.typeNumbers.set(type, number);
    });
    this.typeOf = saved.typeOf;
    this.idHashOf = saved.idHashOf;
  }

  reset(): void {
    this.segments.length = 0;
    this.entries.length = 0;
    this.unbuilt = undefined;
    this.types.length = 0;
    this.streamNumbers.clear();
    this.lastStream = '';
    this.lastStreamNumber = -1;
    this.typeNumbers.clear();
    this.revisionSkew.clear();
    this.idTable = undefined;
    this.streamOf = new ChunkedU32List();
    this.typeOf = new ChunkedU32List();
    this.idHashOf = new ChunkedU32List();
  }

  get lastPosition(): number {
    return this.streamOf.length;
  }

  addSegment(name: string, firstPosition: number): SegmentEntry {
    const segment: SegmentEntry = {
      name,
      firstPosition,
      offsets: new ChunkedU32List(),
      size: 0,
      lines: 0,
      sealed: false,
      verifiedFrom: 0,
    };
    this.segments.push(segment);
    return segment;
  }

  private buildStreams(): void {
    const { ids, streamOf } = this.unbuilt!;
    this.unbuilt = undefined;
    const positions = positionsByStream(streamOf, ids.length);
    ids.forEach((id, number) => {
      this.entries.push({ id, positions: positions[number]! });
      this.streamNumbers.set(id, number);
    });
  }

  /**
   * Whether the stream has an event. Answered without laying out the streams restored from the cache
   * (which costs a pass over every event), so that a look at one stream on open stays cheap.
   */
  hasStream(stream: string): boolean {
    if (this.unbuilt === undefined) return (this.stream(stream)?.positions.length ?? 0) > 0;
    const number = this.unbuilt.ids.indexOf(stream);
    return number !== -1 && this.unbuilt.streamOf.includes(number);
  }

  /** Every stream's name, by number; like `hasStream`, without laying the streams out. */
  streamNames(): readonly string[] {
    if (this.unbuilt !== undefined) return this.unbuilt.ids;
    return this.entries.map((entry) => entry.id);
  }

  streamNumber(stream: string): number | undefined {
    if (this.lastStreamNumber >= 0 && stream === this.lastStream) return this.lastStreamNumber;
    if (this.unbuilt !== undefined) this.buildStreams();
    const number = this.streamNumbers.get(stream);
    if (number !== undefined) {
      this.lastStream = stream;
      this.lastStreamNumber = number;
    }
    return number;
  }

  stream(stream: string): StreamEntry | undefined {
    const number = this.streamNumber(stream);
    return number === undefined ? undefined : this.entries[number];
  }

  /** Last revision of the stream, or -1 when it has no events. */
  lastRevision(stream: string): number {
    const entry = this.stream(stream);
    return entry === undefined ? -1 : entry.positions.length - 1;
  }

  internStream(stream: string): number {
    let number = this.streamNumber(stream);
    if (number === undefined) {
      number = this.entries.length;
      this.entries.push({ id: stream, positions: new U32List() });
      this.streamNumbers.set(stream, number);
    }
    return number;
  }

  internType(type: string): number {
    let number = this.typeNumbers.get(type);
    if (number === undefined) {
      number = this.types.length;
      this.types.push(type);
      this.typeNumbers.set(type, number);
    }
    return number;
  }

  typeNumber(type: string): number | undefined {
    return this.typeNumbers.get(type);
  }

  /** Records one event; positions must grow, and any skipped ones become holes. */
  add(
    segment: SegmentEntry,
    position: number,
    offset: number,
    streamNumber: number,
    typeNumber: number,
    idHash: number,
  ): void {
    while (this.streamOf.length < position - 1) {
      this.streamOf.push(HOLE);
      this.typeOf.push(HOLE);
      this.idHashOf.push(HOLE);
    }
    while (segment.firstPosition + segment.offsets.length < position) segment.offsets.push(HOLE);
    segment.offsets.push(offset);
    this.streamOf.push(streamNumber);
    this.typeOf.push(typeNumber);
    this.idHashOf.push(idHash);
    this.streams[streamNumber]!.positions.push(position);
    this.idTable?.insert(position);
  }

  /** Where the line of a position is, or undefined for holes and positions beyond the end. */
  locate(position: number): { segment: SegmentEntry; offset: number; end: number } | undefined {
    if (position < 1 || position > this.lastPosition) return undefined;
    const segment = this.segmentOf(position);
    if (segment === undefined) return undefined;
    const index = position - segment.firstPosition;
    if (index >= segment.offsets.length) return undefined;
    const offset = segment.offsets.get(index);
    if (offset === HOLE) return undefined;
    return { segment, offset, end: this.lineEnd(segment, index) };
  }

  /** End of the line at `index` in the segment: the next valid line's start, or the segment's size. */
  lineEnd(segment: SegmentEntry, index: number): number {
    for (let next = index + 1; next < segment.offsets.length; next++) {
      const offset = segment.offsets.get(next);
      if (offset !== HOLE) return offset;
    }
    return segment.size;
  }

  segmentOf(position: number): SegmentEntry | undefined {
    let low = 0;
    let high = this.segments.length - 1;
    let found: SegmentEntry | undefined;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const segment = this.segments[mid]!;
      if (segment.firstPosition <= position) {
        found = segment;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  /** Bytes held by the per-event and per-stream lists (what the index costs an event). */
  get byteLength(): number {
    let bytes = this.streamOf.byteLength + this.typeOf.byteLength + this.idHashOf.byteLength;
    for (const segment of this.segments) bytes += segment.offsets.byteLength;
    for (const stream of this.streams) bytes += stream.positions.byteLength;
    return bytes;
  }
}

/** FNV-1a over an id's UTF-8 bytes: a 4-byte fingerprint so that duplicate ids are found without keeping ids in memory. */
export function hashIdBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    hash ^= bytes[i]!;
    hash = Math.imul(hash, 0x01000193);
  }
  // HOLE is reserved for "no event here".
  return hash >>> 0 === HOLE ? 0 : hash >>> 0;
}

export function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    // Ids are UUIDs (ASCII) when Eventfold writes them; others take the exact UTF-8 path.
    if (code >= 0x80) {
      const bytes = Buffer.from(id, 'utf8');
      return hashIdBytes(bytes, 0, bytes.length);
    }
    hash ^= code;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 === HOLE ? 0 : hash >>> 0;
}

/**
 * Every stream's positions, rebuilt from streamOf in two passes into one shared array that each stream
 * views, rather than growing thousands of lists one push at a time.
 */
function positionsByStream(streamOf: Uint32Array, streams: number): U32List[] {
  const counts = new Uint32Array(streams);
  for (const stream of streamOf) if (stream !== HOLE) counts[stream] = counts[stream]! + 1;
  const next = new Uint32Array(streams);
  let total = 0;
  for (let stream = 0; stream < streams; stream++) {
    next[stream] = total;
    total += counts[stream]!;
  }
  const all = new Uint32Array(total);
  const lists = Array.from(counts, (count, stream) =>
    U32List.over(all.subarray(next[stream], next[stream]! + count)),
  );
  for (let i = 0; i < streamOf.length; i++) {
    const stream = streamOf[i]!;
    if (stream === HOLE) continue;
    all[next[stream]!] = i + 1;
    next[stream] = next[stream]! + 1;
  }
  return lists;
}
