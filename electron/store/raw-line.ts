import type { EventIndex } from './event-index.js';
import type { SegmentFiles } from './segment-files.js';

/** One event's line exactly as stored, and the segment that holds it. */
export interface RawLine {
  readonly segment: string;
  /** The line without its newline, checksum included. */
  readonly line: string;
}

/** The stored line of a position, for the event view's "raw" tab; undefined for holes and positions past the end. */
export async function rawLineAt(
  index: EventIndex,
  files: SegmentFiles,
  position: number,
): Promise<RawLine | undefined> {
  const located = index.locate(position);
  if (located === undefined) return undefined;
  const bytes = await files.read(located.segment.name, located.offset, located.end - located.offset);
  // A line's end is the next valid line's start, so damaged lines in between would follow the newline.
  const newline = bytes.indexOf(0x0a);
  return {
    segment: located.segment.name,
    line: bytes.toString('utf8', 0, newline === -1 ? bytes.length : newline),
  };
}
