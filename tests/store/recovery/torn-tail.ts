import fs from 'node:fs';
import fc from 'fast-check';
import type { RecordedEvent } from '../../../shared/event.js';
import { segmentPath, type BuiltFolder } from '../built-folder.js';

export type TearKind = 'truncate' | 'garbage' | 'zeros' | 'zero-lines';

export interface Tear {
  readonly kind: TearKind;
  readonly at: number;
  readonly garbage: Uint8Array;
  readonly zeros: number;
  readonly zeroLines: number;
}

export const tearArb: fc.Arbitrary<Tear> = fc.record({
  kind: fc.constantFrom<TearKind>('truncate', 'garbage', 'zeros', 'zero-lines'),
  at: fc.nat(),
  garbage: fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => bytes.map((byte) => (byte === 0x0a ? 0x7b : byte))),
  zeros: fc.integer({ min: 1, max: 4096 }),
  zeroLines: fc.integer({ min: 1, max: 3 }),
});

/**
 * Damages the end of the last segment as a crash can: cut inside the last append, or leave bytes after it
 * that never became a complete line. Returns the events that must survive and where the good part ends.
 */
export function tearTail(built: BuiltFolder, tear: Tear): { survivors: RecordedEvent[]; offset: number } {
  const segment = built.segments.at(-1)!;
  const file = segmentPath(built.dir, segment);
  const size = fs.statSync(file).size;
  const lastAppend = built.recipe.appends.at(-1)!.events.length;
  const appendLines = built.lines.slice(-lastAppend);
  const appendStart = appendLines[0]!.start;
  const withoutLastAppend = built.events.slice(0, -lastAppend);
  switch (tear.kind) {
    case 'truncate':
      fs.truncateSync(file, appendStart + 1 + (tear.at % (size - appendStart - 1)));
      return { survivors: withoutLastAppend, offset: appendStart };
    case 'garbage':
      fs.appendFileSync(file, tear.garbage);
      return { survivors: built.events, offset: size };
    case 'zero-lines':
      if (lastAppend > 1) {
        // The first lines of an append made it, the rest of the file is zeros where the write never landed.
        fs.truncateSync(file, appendLines[0]!.end);
        const line = Buffer.concat([Buffer.alloc(1 + (tear.zeros % 300)), Buffer.from('\n')]);
        fs.appendFileSync(
          file,
          Buffer.concat([...Array<Buffer>(tear.zeroLines).fill(line), Buffer.alloc(tear.at % 3)]),
        );
        return { survivors: withoutLastAppend, offset: appendStart };
      }
      fs.appendFileSync(file, Buffer.alloc(tear.zeros));
      return { survivors: built.events, offset: size };
    case 'zeros':
      fs.appendFileSync(file, Buffer.alloc(tear.zeros));
      return { survivors: built.events, offset: size };
  }
}
