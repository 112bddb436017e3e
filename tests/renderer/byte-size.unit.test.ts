import { describe, expect, it } from 'vitest';
import { byteSize } from '../../renderer/src/lib/byte-size.js';

describe('byteSize', () => {
  it('uses the largest unit that keeps the number above one', () => {
    expect(byteSize(0)).toBe('0 bytes');
    expect(byteSize(1)).toBe('1 byte');
    expect(byteSize(1023)).toBe('1023 bytes');
    expect(byteSize(1536)).toBe('1.5 KB');
    expect(byteSize(312 * 1024)).toBe('312 KB');
    expect(byteSize(64 * 1024 * 1024)).toBe('64 MB');
  });
});
