import fc from 'fast-check';
import type { BuiltFolder, SegmentLine } from '../built-folder.js';

export interface Flip {
  readonly pick: number;
  readonly byte: number;
  readonly bit: number;
  readonly coldOpen: 'cache option off' | 'cache removed';
}

export const flipArb: fc.Arbitrary<Flip> = fc.record({
  pick: fc.nat(),
  byte: fc.nat(),
  bit: fc.nat({ max: 7 }),
  coldOpen: fc.constantFrom<Flip['coldOpen']>('cache option off', 'cache removed'),
});

/**
 * Lines that have complete appends after them: damage there is inside the log, not at its end (where a bad
 * last line is what an interrupted write leaves, a torn tail). The next line may be damaged too when the
 * flipped byte is a newline, so in the last segment two lines must follow.
 */
export function middleLines(built: BuiltFolder): SegmentLine[] {
  const last = built.segments.at(-1);
  const inLast = built.lines.filter((line) => line.segment === last).length;
  return built.lines.filter((line) => line.segment !== last || line.line <= inLast - 2);
}
