import fs from 'node:fs';
import path from 'node:path';

const SEGMENT_NAME = /^(\d{12})\.jsonl$/;
const POSITION_PREFIX = /^\{\s*"position"\s*:\s*(\d+)/;
/** The longest line is 1 MiB (docs/FORMAT.md), so a read of twice that always holds a whole line. */
const CHUNK_BYTES = 2 * 1024 * 1024;
const PROBE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

interface Segment {
  readonly first: number;
  readonly file: string;
}

/**
 * The stored lines of a folder's log, read straight from its segment files (docs/FORMAT.md), for the
 * projection workers. A worker folds text it parses in its sandbox; asking the main thread's store for
 * parsed events and sending them over would cost a parse, a copy and a clone more per event. Callers read
 * only up to a position the store has indexed (and checked), so every line read is complete and sound; the
 * fold still checks that positions follow one another.
 */
export class LogLines {
  private segments: Segment[] = [];

  constructor(private readonly folder: string) {}

  /**
   * Chunks of whole lines, the first one starting with the line of `from` (later lines may go past the
   * position the caller wants: it stops there). Ends at the end of the last segment.
   */
  *chunks(from: number): Generator<string> {
    let index = this.segmentIndexOf(from);
    if (index === -1) return;
    let offset: number | undefined;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    while (index < this.segments.length) {
      const segment = this.segments[index]!;
      const fd = fs.openSync(segment.file, 'r');
      try {
        offset ??= this.offsetOf(fd, segment, from);
        if (offset === undefined) return;
        for (;;) {
          const read = fs.readSync(fd, buffer, 0, CHUNK_BYTES, offset);
          // Within what was read: the rest of the buffer holds an earlier chunk.
          const end = read === 0 ? -1 : buffer.subarray(0, read).lastIndexOf(NEWLINE);
          if (end === -1) break;
          yield buffer.toString('utf8', 0, end + 1);
          offset += end + 1;
        }
      } finally {
        fs.closeSync(fd);
      }
      // A segment is followed by the next one only once it is sealed; the list may have grown meanwhile.
      if (index === this.segments.length - 1) this.refresh();
      index++;
      offset = 0;
    }
  }

  private segmentIndexOf(position: number): number {
    const last = this.segments.at(-1);
    if (last === undefined || position >= last.first) this.refresh();
    let found = -1;
    for (let i = 0; i < this.segments.length; i++) if (this.segments[i]!.first <= position) found = i;
    return found;
  }

  private refresh(): void {
    const log = path.join(this.folder, 'log');
    this.segments = fs
      .readdirSync(log)
      .flatMap((name) => {
        const match = SEGMENT_NAME.exec(name);
        return match === null ? [] : [{ first: Number(match[1]), file: path.join(log, name) }];
      })
      .sort((a, b) => a.first - b.first);
  }

  /** Byte offset of the line of `position` in a segment: a binary search over line starts. */
  private offsetOf(fd: number, segment: Segment, position: number): number | undefined {
    if (position <= segment.first) return 0;
    let low = 0;
    let high = fs.fstatSync(fd).size;
    while (high - low > PROBE_BYTES) {
      const start = this.lineStartAfter(fd, Math.floor((low + high) / 2), high);
      const found = start === undefined ? undefined : this.positionAt(fd, start);
      if (start === undefined || found === undefined) {
        high = Math.floor((low + high) / 2);
        continue;
      }
      if (found === position) return start;
      if (found < position) low = start;
      else high = start;
    }
    return this.scanFor(fd, low, position);
  }

  private lineStartAfter(fd: number, from: number, limit: number): number | undefined {
    const probe = Buffer.allocUnsafe(PROBE_BYTES);
    for (let at = from; at < limit; at += PROBE_BYTES) {
      const read = fs.readSync(fd, probe, 0, PROBE_BYTES, at);
      const newline = probe.subarray(0, read).indexOf(NEWLINE);
      if (newline !== -1) return at + newline + 1 < limit ? at + newline + 1 : undefined;
      if (read < PROBE_BYTES) return undefined;
    }
    return undefined;
  }

  private positionAt(fd: number, start: number): number | undefined {
    const probe = Buffer.allocUnsafe(64);
    const read = fs.readSync(fd, probe, 0, 64, start);
    const match = POSITION_PREFIX.exec(probe.toString('latin1', 0, read));
    return match === null ? undefined : Number(match[1]);
  }

  private scanFor(fd: number, from: number, position: number): number | undefined {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let offset = from;
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK_BYTES, offset);
      if (read === 0) return undefined;
      let start = 0;
      while (start < read) {
        const found = POSITION_PREFIX.exec(buffer.toString('latin1', start, Math.min(read, start + 64)));
        if (found !== null && Number(found[1]) >= position) return offset + start;
        const newline = buffer.indexOf(NEWLINE, start);
        if (newline === -1 || newline >= read) break;
        start = newline + 1;
      }
      if (start === 0) return undefined;
      offset += start;
    }
  }
}
