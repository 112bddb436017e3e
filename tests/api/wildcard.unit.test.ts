import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamNameMatcher } from '../../electron/api/wildcard.js';

/** The obvious implementation, for short inputs only: a regular expression (exponential on some patterns). */
function referenceMatch(pattern: string, name: string): boolean {
  const lower = pattern.toLowerCase();
  if (!/[*?]/.test(lower)) return name.toLowerCase().includes(lower);
  const source = Array.from(lower, (symbol) =>
    symbol === '*' ? '.*' : symbol === '?' ? '.' : symbol.replace(/[\\^$.|+()[\]{}]/g, '\\$&'),
  ).join('');
  return new RegExp(`^${source}$`, 'su').test(name.toLowerCase());
}

// A small alphabet, so that random patterns and names often match.
const symbol = fc.constantFrom('a', 'B', 'b', '-', '.', 'é', '😀', '*', '?');
const nameSymbol = fc.constantFrom('a', 'A', 'b', '-', '.', 'é', 'É', '😀', '1');
const pattern = fc.array(symbol, { maxLength: 8 }).map((symbols) => symbols.join(''));
const name = fc.array(nameSymbol, { maxLength: 12 }).map((symbols) => symbols.join(''));

describe('stream name patterns', () => {
  it('agree with a regular expression reading of * and ?, and with substring search otherwise', () => {
    fc.assert(
      fc.property(pattern, name, (p, n) => {
        expect(streamNameMatcher(p)(n)).toBe(referenceMatch(p, n));
      }),
      { numRuns: 3000 },
    );
  });

  it('match a name against itself with any characters turned into ? and any runs into *', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nameSymbol, fc.constantFrom('keep', 'one', 'run', 'upper')), {
          minLength: 1,
          maxLength: 12,
        }),
        (parts) => {
          const streamName = parts.map(([character]) => character).join('');
          const wildcarded = parts
            .map(([character, how]) =>
              how === 'one'
                ? '?'
                : how === 'run'
                  ? '*'
                  : how === 'upper'
                    ? character.toUpperCase()
                    : character,
            )
            .join('')
            .replace(/\*+/g, '*');
          expect(streamNameMatcher(wildcarded)(streamName)).toBe(true);
        },
      ),
    );
  });

  it('answer a pattern that makes a regular expression backtrack for long', () => {
    const matcher = streamNameMatcher('*a*a*a*a*a*a*a*a*a*a*a*a*b');
    expect(matcher('a'.repeat(500))).toBe(false);
    expect(matcher(`${'a'.repeat(499)}b`)).toBe(true);
  });

  it('match everything with an empty pattern or a lone *', () => {
    fc.assert(
      fc.property(name, (n) => {
        expect(streamNameMatcher('')(n)).toBe(true);
        expect(streamNameMatcher('*')(n)).toBe(true);
      }),
    );
  });
});
