import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from '../../renderer/src/lib/number-format.js';

const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

describe('formatCount', () => {
  it('groups whole numbers by thousands as Intl does in en-US', () => {
    for (const value of [0, 1, 12, 999, 1000, 12_345, 100_000, 1_234_567, -1, -1000, -987_654_321]) {
      expect(formatCount(value)).toBe(intl.format(value));
    }
    expect(formatCount(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
  });

  it('writes any number as Intl does: whole or not, huge, negative zero, not finite', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), fc.double(), fc.constantFrom(1e20, 1e21, -0)),
        (value) => {
          expect(formatCount(value), String(value)).toBe(intl.format(value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('names the unit in the singular for one only', () => {
    expect(countOf(1, 'event', 'events')).toBe('1 event');
    expect(countOf(2000, 'event', 'events')).toBe('2,000 events');
    expect(countOf(0, 'event', 'events')).toBe('0 events');
  });
});
