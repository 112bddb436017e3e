import { HOLE, type EventIndex, type SegmentEntry } from './event-index.js';
import { checkLineChecksum } from './event-line.js';
import type { LogProblem } from './log-problem.js';
import type { SegmentFiles } from './segment-files.js';

/** A span of the log as stored, checked as `read` checks it. */
export interface CheckedChunk {
  /** The first and the last position the chunk covers, holes included. */
  readonly first: number;
  readonly last: number;
  /** The lines of the sound events among first..last, in order, each with its newline. */
  readonly bytes: Buffer;
  /** Positions in first..last with no sound line: damaged when the log was opened, or found so now. */
  readonly holes: readonly number[];
}

/** The longest line is 1 MiB (docs/FORMAT.md): a chunk of about this much always holds whole lines. */
export const CHECKED_CHUNK_BYTES = 2 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Reads positions from..to in chunks of whole stored lines, with the holes between them: a position the
 * index marks as a hole, and a line the index cache vouched for but nobody verified since, whose checksum
 * fails now (reported through `onDamage`, as `read` reports it). The bytes are the stored lines, not
 * events: whoever parses them (a projection's sandbox) gets the text `read` would have parsed.
 */
export async function* checkedLines(
  index: EventIndex,
  files: SegmentFiles,
  from: number,
  to: number,
  onDamage: (problem: LogProblem) => void,
  chunkBytes = CHECKED_CHUNK_BYTES,
): AsyncGenerator<CheckedChunk> {
  let position = Math.max(1, from);
  const last = Math.min(to, index.lastPosition);
  while (position <= last) {
    const segment = index.segmentOf(position);
    const segmentLast = segment === undefined ? last : segmentLastPosition(index, segment, last);
    if (segment === undefined || position - segment.firstPosition >= segment.offsets.length) {
      // No line at all (a segment that lost its first lines): holes up to where lines start again.
      const end =
        segment === undefined ? Math.min(last, firstPositionAfter(index, position) - 1) : segmentLast;
      yield { first: position, last: end, bytes: Buffer.alloc(0), holes: range(position, end) };
      position = end + 1;
      continue;
    }
    const chunk = await readChunk(index, files, segment, position, segmentLast, onDamage, chunkBytes);
    yield chunk;
    position = chunk.last + 1;
  }
}

/** Positions from..to (inclusive) of one segment, stopping once about `chunkBytes` are gathered. */
async function readChunk(
  index: EventIndex,
  files: SegmentFiles,
  segment: SegmentEntry,
  from: number,
  to: number,
  onDamage: (problem: LogProblem) => void,
  chunkBytes: number,
): Promise<CheckedChunk> {
  const base = segment.firstPosition;
  const holes: number[] = [];
  let start = -1;
  let lines = 0;
  /** The position of the chunk's last line (holes after it are in the chunk too). */
  let last = -1;
  let lastPosition = from - 1;
  const lastIndexed = Math.min(to, base + segment.offsets.length - 1);
  let position = from;
  for (; position <= lastIndexed; position++) {
    const offset = segment.offsets.get(position - base);
    if (offset === HOLE) {
      holes.push(position);
      lastPosition = position;
      continue;
    }
    if (start === -1) start = offset;
    // A line starting past the budget goes to the next chunk (the first line always comes).
    else if (offset - start > chunkBytes) break;
    lines++;
    last = position;
    lastPosition = position;
  }
  // The segment's lines end before `to` (the next segment starts later): the rest are holes.
  if (position > lastIndexed && lastIndexed < to) {
    for (let missing = lastIndexed + 1; missing <= to; missing++) holes.push(missing);
    lastPosition = to;
  }
  if (lines === 0) return { first: from, last: lastPosition, bytes: Buffer.alloc(0), holes };
  const end = index.lineEnd(segment, last - base);
  const span = await files.read(segment.name, start, end - start);
  const unverified = start < segment.verifiedFrom;
  // Lines back to back (the common case): the span is the chunk, as read.
  if (!unverified && holes.length === 0 && countNewlines(span) === lines && span.at(-1) === NEWLINE) {
    return { first: from, last: lastPosition, bytes: span, holes };
  }
  // Otherwise each sound line is cut at its own newline (damaged bytes may lie between lines), and lines
  // the index cache vouched for are checked as `read` checks them.
  const kept: Buffer[] = [];
  for (let at = from; at <= last; at++) {
    const offset = segment.offsets.get(at - base);
    if (offset === HOLE) continue;
    const line = { position: at, offset };
    const inSpan = offset - start;
    const newline = span.indexOf(NEWLINE, inSpan);
    if (newline === -1) {
      damaged(line, 'line has no end');
      continue;
    }
    if (offset < segment.verifiedFrom) {
      const check = checkLineChecksum(span, inSpan, newline);
      if (!check.ok) {
        damaged(line, check.reason);
        continue;
      }
    }
    kept.push(span.subarray(inSpan, newline + 1));
  }
  holes.sort((a, b) => a - b);
  return { first: from, last: lastPosition, bytes: Buffer.concat(kept), holes };

  function damaged(line: { position: number; offset: number }, reason: string): void {
    holes.push(line.position);
    onDamage({
      segment: segment.name,
      line: lineNumberAt(files, segment.name, line.offset),
      offset: line.offset,
      reason,
    });
  }
}

/** The last position at or before `last` that belongs to `segment` (the next segment starts after it). */
function segmentLastPosition(index: EventIndex, segment: SegmentEntry, last: number): number {
  const next = index.segments[index.segments.indexOf(segment) + 1];
  return Math.min(last, next === undefined ? last : next.firstPosition - 1);
}

/** The first position of the first segment that starts after `position`, or Infinity. */
function firstPositionAfter(index: EventIndex, position: number): number {
  for (const segment of index.segments) if (segment.firstPosition > position) return segment.firstPosition;
  return Infinity;
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** 1-based line number of the line starting at `offset`, for the report (only on damage, so counting is fine). */
function lineNumberAt(files: SegmentFiles, segment: string, offset: number): number {
  return countNewlines(files.readSync(segment, 0, offset)) + 1;
}
