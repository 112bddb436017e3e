import { describe, expect, it } from 'vitest';
import { PageCache } from '../../renderer/src/lib/log/page-cache.js';

const rows = (page: number, size = 10): number[] => Array.from({ length: size }, (_, i) => page * size + i);

describe('PageCache', () => {
  it('finds a row by its view index in the page that holds it', () => {
    const cache = new PageCache<number>(10, 4);
    cache.put(3, rows(3));
    expect(cache.pageOf(37)).toBe(3);
    expect(cache.row(37)).toBe(37);
    expect(cache.row(41)).toBeUndefined();
  });

  it('drops the least recently used page past its capacity', () => {
    const cache = new PageCache<number>(10, 3);
    cache.put(0, rows(0));
    cache.put(1, rows(1));
    cache.put(2, rows(2));
    cache.touch(0);
    cache.put(3, rows(3));
    expect(cache.pages().sort()).toEqual([0, 2, 3]);
    expect(cache.row(15)).toBeUndefined();
    expect(cache.row(5)).toBe(5);
  });

  it('holds no more than its capacity after a scroll over 10,000 pages', () => {
    const cache = new PageCache<number>(100, 40);
    for (let page = 0; page < 10_000; page++) cache.put(page, rows(page, 100));
    expect(cache.size).toBe(40);
    expect(cache.has(9_999)).toBe(true);
    expect(cache.has(9_960)).toBe(true);
    expect(cache.has(9_959)).toBe(false);
  });

  it('returns undefined past the end of a short last page, and forgets a dropped page', () => {
    const cache = new PageCache<number>(10, 4);
    cache.put(2, [20, 21, 22]);
    expect(cache.row(22)).toBe(22);
    expect(cache.row(23)).toBeUndefined();
    expect(cache.rowsIn(2)).toBe(3);
    expect(cache.rowsIn(3)).toBeUndefined();
    cache.drop(2);
    expect(cache.has(2)).toBe(false);
  });

  it('refuses a size or capacity that cannot work', () => {
    expect(() => new PageCache(0, 4)).toThrow('page size must be >= 1, got 0');
    expect(() => new PageCache(10, 0.5)).toThrow('capacity must be >= 1, got 0.5');
  });
});
