import { describe, expect, it } from 'vitest';
import { mergePatch } from '../../electron/projections/builtins/merge-patch.js';
import { nextSnapshotAt, spacingFor, thinSnapshots } from '../../electron/projections/snapshot-policy.js';

describe('mergePatch (RFC 7386, the stream-documents fold)', () => {
  it.each([
    // The examples of RFC 7386, appendix A.
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j patched with %j is %j', (target, patch, result) => {
    expect(mergePatch(structuredClone(target), patch)).toEqual(result);
  });

  it('keeps "__proto__" as a key of the document', () => {
    const merged = mergePatch({}, JSON.parse('{"__proto__": {"x": 1}}')) as object;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(merged, '__proto__')?.value).toEqual({ x: 1 });
  });
});

describe('snapshot policy', () => {
  it('places snapshots on multiples of the spacing', () => {
    expect(nextSnapshotAt(0, 10)).toBe(10);
    expect(nextSnapshotAt(9, 10)).toBe(10);
    expect(nextSnapshotAt(10, 10)).toBe(20);
  });

  it('starts a rebuild with the finest spacing the log fits into, so a seek replays a few percent of it', () => {
    expect(spacingFor(0)).toBe(5000);
    expect(spacingFor(100_000)).toBe(5000);
    expect(spacingFor(640_000)).toBe(5000);
    expect(spacingFor(640_001)).toBe(10_000);
    expect(spacingFor(1_000_000)).toBe(10_000);
    expect(spacingFor(50_000_000) * 128).toBeGreaterThanOrEqual(50_000_000);
    expect(spacingFor(50, 5)).toBe(5000);
  });

  it('doubles the spacing until at most the maximum are kept', () => {
    expect(thinSnapshots([10, 20, 30], 10, 3)).toEqual({ every: 10, remove: [] });
    expect(thinSnapshots([10, 20, 30, 40], 10, 3)).toEqual({ every: 20, remove: [10, 30] });
    expect(thinSnapshots([20, 40, 60, 80, 100, 120, 140], 20, 3)).toEqual({
      every: 40,
      remove: [20, 60, 100, 140],
    });
    expect(thinSnapshots([10, 20, 30, 40, 50, 60, 70, 80], 10, 2)).toEqual({
      every: 40,
      remove: [10, 20, 30, 50, 60, 70],
    });
  });
});
