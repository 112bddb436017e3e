import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../electron/cli/units.js';

describe('formatCount', () => {
  it('groups whole numbers in thousands as en-US does', () => {
    expect([0, 7, 999, 1000, 100_000, 1_234_567, -1000].map(formatCount)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '100,000',
      '1,234,567',
      '-1,000',
    ]);
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        expect(formatCount(value)).toBe(value.toLocaleString('en-US'));
      }),
    );
  });

  it('writes other numbers as en-US does', () => {
    for (const value of [1234.5678, 0.5, Number.MAX_SAFE_INTEGER + 2])
      expect(formatCount(value)).toBe(value.toLocaleString('en-US'));
  });
});
