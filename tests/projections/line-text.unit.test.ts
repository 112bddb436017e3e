import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linesText } from '../../electron/projections/sandbox/line-text.js';

describe('the text a sandbox folds from log lines', () => {
  it('is what UTF-8 decoding gives, for any bytes (ASCII, multi-byte text, invalid sequences)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(linesText(buffer)).toBe(buffer.toString('utf8'));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 20 }), (values) => {
        const buffer = Buffer.from(values.map((value) => JSON.stringify(value)).join('\n') + '\n');
        expect(linesText(buffer)).toBe(buffer.toString('utf8'));
      }),
    );
  });

  it('keeps non-ASCII text intact in a chunk of otherwise ASCII lines', () => {
    const lines = Buffer.from('{"data":{"note":"plain"}}\n{"data":{"note":"café ☕ 日本"}}\n');
    expect(linesText(lines)).toBe('{"data":{"note":"plain"}}\n{"data":{"note":"café ☕ 日本"}}\n');
  });
});
