import { describe, expect, it } from 'vitest';
import {
  childrenOf,
  containerSummary,
  copyableValue,
  isContainer,
} from '../../renderer/src/lib/json-tree.js';

describe('the JSON tree model', () => {
  it('lists an object by key and an array by index, in order', () => {
    expect(childrenOf({ b: 1, a: [2] })).toEqual([
      { step: 'b', value: 1 },
      { step: 'a', value: [2] },
    ]);
    expect(childrenOf(['x', null])).toEqual([
      { step: 0, value: 'x' },
      { step: 1, value: null },
    ]);
    expect(childrenOf('leaf')).toEqual([]);
    expect(isContainer(null)).toBe(false);
  });

  it('summarises a collapsed container by its size', () => {
    expect(containerSummary({ a: 1 })).toBe('1 key');
    expect(containerSummary({})).toBe('0 keys');
    expect(containerSummary([1, 2, 3])).toBe('3 items');
  });

  it('copies a string as its text, anything else as JSON, containers indented', () => {
    expect(copyableValue('A-1')).toBe('A-1');
    expect(copyableValue(2.5)).toBe('2.5');
    expect(copyableValue(null)).toBe('null');
    expect(copyableValue({ sku: 'A-1' })).toBe('{\n  "sku": "A-1"\n}');
  });
});
