import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forTerminal, jsonForTerminal } from '../../electron/cli/terminal-text.js';

/** What a terminal would act on rather than show: controls, bidi overrides and isolates, separators. */
// eslint-disable-next-line no-control-regex -- finding these characters is what the test is for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('forTerminal', () => {
  it('shows escape sequences, bidi overrides and separators as \\uXXXX and leaves other text alone', () => {
    expect(forTerminal('\u001b]0;owned\u0007order-1')).toBe('\\u001b]0;owned\\u0007order-1');
    expect(forTerminal('\u001b[2Jclear')).toBe('\\u001b[2Jclear');
    expect(forTerminal('invoice-\u202efdp.exe')).toBe('invoice-\\u202efdp.exe');
    expect(forTerminal('a\u2066b\u2069c\u061c')).toBe('a\\u2066b\\u2069c\\u061c');
    expect(forTerminal('tab\there\r\nnext\u0085\u009b')).toBe(
      'tab\\u0009here\\u000d\\u000anext\\u0085\\u009b',
    );
    expect(forTerminal('café 注文 🧾 order-42')).toBe('café 注文 🧾 order-42');
    expect(forTerminal('lone \ud83e end')).toBe('lone \\ud83e end');
  });

  it('keeps newlines when asked, for JSON laid out on lines', () => {
    expect(jsonForTerminal({ name: 'a\u001bb\nc', rtl: '\u202e' }, 2)).toBe(
      '{\n  "name": "a\\u001bb\\nc",\n  "rtl": "\\u202e"\n}',
    );
    // Still JSON, and the same value: the escapes are JSON's own.
    const value = { s: '\u202e\u0085\u2028x' };
    expect(JSON.parse(jsonForTerminal(value, 2))).toEqual(value);
  });

  it('never lets an unsafe character through, and changes nothing else (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        // A text that already holds a backslash-u escape could not be told from an escaped one.
        fc.pre(!text.includes('\\'));
        const shown = forTerminal(text);
        expect(UNSAFE.test(shown)).toBe(false);
        expect(LONE_SURROGATE.test(shown)).toBe(false);
        // Undo the escapes: the original comes back (a backslash-u already in the text is left as it was).
        const restored = shown.replace(/\\u([0-9a-f]{4})/g, (whole, hex: string) => {
          const code = Number.parseInt(hex, 16);
          const char = String.fromCharCode(code);
          return UNSAFE.test(char) || (code >= 0xd800 && code <= 0xdfff) ? char : whole;
        });
        expect(restored).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
