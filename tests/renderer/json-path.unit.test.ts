import { describe, expect, it } from 'vitest';
import { formatJsonPath } from '../../renderer/src/lib/json-path.js';

describe('formatJsonPath', () => {
  it('writes keys with dots and indexes with brackets', () => {
    expect(formatJsonPath('data', ['items', 2, 'sku'])).toBe('data.items[2].sku');
  });

  it('quotes keys that are not identifiers, so the path pastes into code', () => {
    expect(formatJsonPath('meta', ['correlation-id'])).toBe('meta["correlation-id"]');
    expect(formatJsonPath('data', ['a "b"', 0])).toBe('data["a \\"b\\""][0]');
    expect(formatJsonPath('data', [''])).toBe('data[""]');
  });

  it('is the root alone for the root, and starts without a dot when there is no root name', () => {
    expect(formatJsonPath('data', [])).toBe('data');
    expect(formatJsonPath('', ['items', 0])).toBe('items[0]');
  });
});
