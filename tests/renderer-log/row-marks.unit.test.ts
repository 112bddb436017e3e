import { describe, expect, it } from 'vitest';
import { betweenMarks, markLabel, NO_MARKS } from '../../renderer/src/lib/log/row-marks.js';

describe('the compared positions on log rows', () => {
  it('labels the rows the marks are on, both letters when they share one', () => {
    expect(markLabel({ a: 2, b: 4 }, 2)).toBe('A');
    expect(markLabel({ a: 2, b: 4 }, 4)).toBe('B');
    expect(markLabel({ a: 2, b: 4 }, 3)).toBeNull();
    expect(markLabel({ a: 7, b: 7 }, 7)).toBe('A B');
    expect(markLabel({ a: null, b: 9 }, 9)).toBe('B');
    expect(markLabel(NO_MARKS, 1)).toBeNull();
  });

  it('tints the rows strictly between the marks, whichever comes first, and none while one is missing', () => {
    const between = (a: number | null, b: number | null): number[] =>
      [1, 2, 3, 4, 5, 6].filter((position) => betweenMarks({ a, b }, position));
    expect(between(2, 5)).toEqual([3, 4]);
    expect(between(5, 2)).toEqual([3, 4]);
    expect(between(3, 4)).toEqual([]);
    expect(between(3, null)).toEqual([]);
    expect(between(null, null)).toEqual([]);
  });
});
