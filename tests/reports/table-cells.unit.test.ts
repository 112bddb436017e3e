import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, markdownCell } from '../../electron/reports/table-cells.js';

/** What a spreadsheet reads as the start of a formula, after any leading whitespace. */
const TRIGGERS = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b\u2212]|^[\t\r\n]/;
const risky = fc.oneof(
  fc.string(),
  fc
    .tuple(
      fc.constantFrom('', ' ', '  ', '\u3000', '\t', '\r', '\n'),
      fc.constantFrom(
        '=',
        '+',
        '-',
        '@',
        '\uff1d',
        '\uff0b',
        '\uff0d',
        '\uff20',
        '\ufe62',
        '\ufe63',
        '\ufe66',
        '\ufe6b',
        '\u2212',
      ),
      fc.string(),
    )
    .map(([space, trigger, rest]) => space + trigger + rest),
);

/** A cell as written by the export and read back by a CSV parser. */
function roundTrip(value: unknown): string {
  const text = stringify([[csvCell(value)]], { escape_formulas: true });
  const rows: string[][] = parse(text);
  return rows[0]?.[0] ?? '';
}

describe('CSV cells', () => {
  it('no cell read back starts a formula, and each is the text or the text after one quote', () => {
    fc.assert(
      fc.property(risky, (text) => {
        const cell = roundTrip(text);
        expect(cell === text || cell === `'${text}`).toBe(true);
        expect(TRIGGERS.test(cell)).toBe(false);
        // Only text that could start a formula is changed.
        if (!TRIGGERS.test(text)) expect(cell).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps numbers and booleans as they are, negative numbers included, and objects as JSON', () => {
    expect(csvCell(-5)).toBe(-5);
    expect(roundTrip(-5)).toBe('-5');
    expect(roundTrip(3.25)).toBe('3.25');
    expect(roundTrip(true)).toBe('true');
    expect(roundTrip(null)).toBe('');
    expect(roundTrip(undefined)).toBe('');
    expect(roundTrip({ a: [1, '=x'] })).toBe('{"a":[1,"=x"]}');
  });
});

describe('Markdown cells', () => {
  it('never break out of their cell or into HTML', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = markdownCell(text);
        expect(cell).not.toMatch(/(^|[^\\])\|/);
        expect(cell).not.toMatch(/[<>\n]/);
      }),
    );
  });
});
