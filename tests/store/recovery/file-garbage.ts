import path from 'node:path';
import fc from 'fast-check';
import type { RecordedEvent } from '../../../shared/event.js';
import { segmentPath, type BuiltFolder, type SegmentLine } from '../built-folder.js';

export type GarbageTarget = 'segment' | 'manifest' | 'seal' | 'cache';

/** What replaces a file: random bytes, some other JSON, or the file itself cut short or with a bit flipped. */
export type Garbage =
  | { readonly kind: 'random'; readonly bytes: Uint8Array }
  | { readonly kind: 'json'; readonly text: string }
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number };

export const garbageArb: fc.Arbitrary<Garbage> = fc.oneof(
  fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 3000 }) }),
  fc.record({
    kind: fc.constant('json' as const),
    text: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
);

export function spoil(original: Buffer, garbage: Garbage): Buffer {
  switch (garbage.kind) {
    case 'random':
      return Buffer.from(garbage.bytes);
    case 'json':
      return Buffer.from(garbage.text);
    case 'cut':
      return original.subarray(0, garbage.at % (original.length + 1));
    case 'flip': {
      const bytes = Buffer.from(original);
      if (bytes.length > 0)
        bytes[garbage.at % bytes.length] = bytes[garbage.at % bytes.length]! ^ (1 << garbage.bit);
      return bytes;
    }
  }
}

/**
 * Events that must still read back after a segment's content was replaced: those of appends whose lines
 * are all still whole and in place (an append is shown whole or not at all).
 */
export function untouchedEvents(
  built: BuiltFolder,
  segment: string,
  original: Buffer,
  content: Buffer,
): RecordedEvent[] {
  const intact = (line: SegmentLine): boolean =>
    line.segment !== segment ||
    (content.length >= line.end &&
      content.subarray(line.start, line.end).equals(original.subarray(line.start, line.end)));
  const damagedAppends = new Set(built.lines.filter((line) => !intact(line)).map((line) => line.append));
  return built.lines.filter((line) => !damagedAppends.has(line.append)).map((line) => line.event);
}

/** Whether two files hold the same JSON value (a cut-off final newline changes nothing). */
export function sameJson(a: Buffer, b: Buffer): boolean {
  try {
    return JSON.stringify(JSON.parse(a.toString('utf8'))) === JSON.stringify(JSON.parse(b.toString('utf8')));
  } catch {
    return false;
  }
}

export function targetFile(built: BuiltFolder, target: GarbageTarget, pick: number): string {
  const { dir, segments } = built;
  switch (target) {
    case 'manifest':
      return path.join(dir, 'eventfold.json');
    case 'cache':
      return path.join(dir, 'cache', 'index-v1.bin');
    case 'segment':
      return segmentPath(dir, segments[pick % segments.length]!);
    case 'seal': {
      // A seal of a sealed segment, or one that appears beside the segment still being written.
      const segment = segments[pick % segments.length]!;
      return segmentPath(dir, segment.replace(/\.jsonl$/, '.seal.json'));
    }
  }
}
