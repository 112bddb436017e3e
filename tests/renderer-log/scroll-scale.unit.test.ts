import { describe, expect, it } from 'vitest';
import {
  contentOffset,
  indexAt,
  isAtEnd,
  MAX_SCROLL_HEIGHT,
  scrollScale,
  scrollTopForEnd,
  scrollTopForIndex,
  visibleRows,
} from '../../renderer/src/lib/log/scroll-scale.js';

const ROW = 28;
const VIEWPORT = 600;

describe('scroll scale below the height cap', () => {
  const scale = scrollScale(1000, ROW, VIEWPORT);

  it('uses the real content height and maps scroll pixels one to one', () => {
    expect(scale.spacer).toBe(28_000);
    expect(scale.factor).toBe(1);
    expect(indexAt(scale, 0)).toBe(0);
    expect(indexAt(scale, 27)).toBe(0);
    expect(indexAt(scale, 28)).toBe(1);
    expect(scrollTopForIndex(scale, 500)).toBe(14_000);
  });

  it('stops at the end: the last row sits at the bottom, not at the top', () => {
    expect(scrollTopForIndex(scale, 999)).toBe(28_000 - VIEWPORT);
    expect(scrollTopForEnd(scale)).toBe(28_000 - VIEWPORT);
    const lastShown = indexAt(scale, scrollTopForEnd(scale)) + visibleRows(scale) - 1;
    expect(lastShown).toBeGreaterThanOrEqual(999);
  });

  it('has no range at all when every row fits', () => {
    const small = scrollScale(5, ROW, VIEWPORT);
    expect(small.spacer).toBe(140);
    expect(scrollTopForEnd(small)).toBe(0);
    expect(isAtEnd(small, 0)).toBe(true);
    expect(indexAt(scrollScale(0, ROW, VIEWPORT), 0)).toBe(0);
  });
});

describe('scroll scale for a 1M-event log (28M px of rows)', () => {
  const count = 1_000_000;
  const scale = scrollScale(count, ROW, VIEWPORT);

  it('keeps the spacer under the browsers cap', () => {
    expect(count * ROW).toBeGreaterThan(16_777_216);
    expect(scale.spacer).toBe(MAX_SCROLL_HEIGHT);
    expect(scale.factor).toBeGreaterThan(3);
  });

  it('maps an index to a whole-pixel scrollTop and back to the same index', () => {
    for (const index of [0, 1, 2, 17, 4_999, 123_456, 500_000, 777_777, 999_000]) {
      const top = scrollTopForIndex(scale, index);
      expect(Number.isInteger(top)).toBe(true);
      expect(top).toBeLessThanOrEqual(scale.spacer - VIEWPORT);
      expect(indexAt(scale, top)).toBe(index);
      // The row is at the top, cut by less than a scroll pixel's worth of content.
      expect(contentOffset(scale, top) - index * ROW).toBeLessThan(scale.factor);
    }
  });

  it('maps every scrollTop to an index that grows with it, from the first row to the last screen', () => {
    let previous = -1;
    for (let top = 0; top <= scrollTopForEnd(scale); top += 997) {
      const index = indexAt(scale, top);
      expect(index).toBeGreaterThanOrEqual(previous);
      previous = index;
    }
    expect(indexAt(scale, 0)).toBe(0);
    const atEnd = scrollTopForEnd(scale);
    expect(contentOffset(scale, atEnd)).toBe(count * ROW - VIEWPORT);
    expect(indexAt(scale, atEnd) + visibleRows(scale) - 1).toBeGreaterThanOrEqual(count - 1);
    expect(isAtEnd(scale, atEnd)).toBe(true);
    expect(isAtEnd(scale, atEnd - 50)).toBe(false);
  });

  it('clamps a scrollTop past the range to the end', () => {
    expect(indexAt(scale, 1e12)).toBe(indexAt(scale, scrollTopForEnd(scale)));
    expect(scrollTopForIndex(scale, count + 10)).toBe(scrollTopForEnd(scale));
  });
});
