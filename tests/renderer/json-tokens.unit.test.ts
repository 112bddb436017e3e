import { describe, expect, it } from 'vitest';
import { jsonTokens } from '../../renderer/src/lib/json-tokens.js';

describe('jsonTokens', () => {
  it('tells keys from string values, and finds numbers and literals', () => {
    const tokens = jsonTokens('{"sku":"A-1","qty":2,"gift":true,"note":null}');
    const of = (kind: string) => tokens.filter((token) => token.kind === kind).map((token) => token.text);
    expect(of('key')).toEqual(['"sku"', '"qty"', '"gift"', '"note"']);
    expect(of('string')).toEqual(['"A-1"']);
    expect(of('number')).toEqual(['2']);
    expect(of('literal')).toEqual(['true', 'null']);
  });

  it('keeps every byte: escaped quotes, a colon inside a string, spaces, and text that is no JSON', () => {
    for (const text of [
      '{"a \\"b\\"": "x:y", "n": -1.5e3 }',
      '[1, 2,\n 3]',
      '{"position":1,"crc32c":"e870fcfb"}',
      'not json at all {',
      '"unterminated',
    ]) {
      expect(
        jsonTokens(text)
          .map((token) => token.text)
          .join(''),
      ).toBe(text);
    }
    expect(jsonTokens('{"a \\"b\\"": "x:y"}').find((token) => token.kind === 'string')?.text).toBe('"x:y"');
  });
});
