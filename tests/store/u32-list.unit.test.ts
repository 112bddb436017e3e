import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedU32List } from '../../electron/store/u32-list.js';

const CHUNK = 1 << 14;

describe('the index’s per-event lists', () => {
  it('read back what a warm open gave them, and what was pushed after, across chunk edges', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 7),
        fc.nat({ max: CHUNK + 3 }),
        (restored, pushed) => {
          const source = Uint32Array.from({ length: restored }, (_, i) => (i * 2654435761) >>> 0);
          const before = source.slice();
          const list = ChunkedU32List.fromArray(source);
          for (let i = 0; i < pushed; i++) list.push(0xffff_0000 + i);
          expect(list.length).toBe(restored + pushed);
          const all = list.toArray();
          expect(all.subarray(0, restored)).toEqual(before);
          expect(Array.from(all.subarray(restored), (value) => value - 0xffff_0000)).toEqual(
            Array.from({ length: pushed }, (_, i) => i),
          );
          // The cache's arrays back the list; appending must never write into them.
          expect(source).toEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });
});
