import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptOf, plainText } from '../../../electron/journal/search/search-excerpt.js';
import { foldTerm, termsOf, tokenize } from '../../../electron/journal/search/search-terms.js';

describe('terms', () => {
  it('are words and emoji, with accents and case folded', () => {
    expect(termsOf('Café au lait, très bien!')).toEqual(['cafe', 'au', 'lait', 'tres', 'bien']);
    expect(termsOf('great🎉 party 👍🏽 ❤️ 🇳🇴')).toEqual(['great', '🎉', 'party', '👍', '❤', '🇳🇴']);
    expect(termsOf('Straße Øresund Łódź Æsir')).toEqual(['strasse', 'oresund', 'lodz', 'aesir']);
    expect(termsOf('ｆｕｌｌ width ﬁne')).toEqual(['full', 'width', 'fine']);
    expect(termsOf('long_term co-op')).toEqual(['long_term', 'co', 'op']);
  });

  it('keep a joined emoji whole', () => {
    expect(tokenize('family 👨‍👩‍👧 day')).toEqual(['family', '👨‍👩‍👧', 'day']);
  });

  it('cut Chinese and Japanese into characters, and keep Korean words and Japanese voicing marks', () => {
    expect(termsOf('日記を書いた')).toEqual(['日', '記', 'を', '書', 'い', 'た']);
    expect(termsOf('ガラス')).toEqual(['ガ', 'ラ', 'ス']);
    expect(termsOf('한국어 문장')).toEqual(['한국어', '문장']);
  });

  it('drop runs too long to be words', () => {
    expect(foldTerm('a'.repeat(65))).toBeNull();
    expect(foldTerm('a'.repeat(64))).toBe('a'.repeat(64));
  });

  it('fold to a fixed point, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        for (const term of termsOf(text)) expect(termsOf(term)).toEqual([term]);
      }),
    );
  });
});

describe('excerpts', () => {
  it('read as plain text: Markdown marks dropped, white space collapsed', () => {
    expect(
      plainText('# Title\n\n**bold** and _it_ [a link](https://x.example) ![pic](p.png)\n> quoted\n- item'),
    ).toBe('Title bold and _it_ a link pic quoted item');
  });

  it('show the part around the matches of a long text, marking each', () => {
    const text = `${'filler words here. '.repeat(30)}the ferry was late ${'and more after. '.repeat(30)}`;
    const excerpt = excerptOf(text, new Set(['ferry']));
    expect(excerpt[0]).toEqual({ text: expect.stringMatching(/^….+the $/) as string, match: false });
    expect(excerpt[1]).toEqual({ text: 'ferry', match: true });
    expect(excerpt.at(-1)!.text.endsWith('…')).toBe(true);
    const length = excerpt.reduce((sum, part) => sum + part.text.length, 0);
    expect(length).toBeLessThanOrEqual(300);
  });

  it('show the start of the text when the match was not in it', () => {
    expect(excerptOf('a quiet evening', new Set(['friends']))).toEqual([
      { text: 'a quiet evening', match: false },
    ]);
  });

  it('never add to the text: HTML in a message comes back as the same characters, never as markup', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom('<b>', '</b>', '<script>', '&amp;', '"', "'", 'cafe', 'café', ' '),
            fc.string(),
          ),
          {
            maxLength: 40,
          },
        ),
        (parts) => {
          const text = parts.join('');
          const excerpt = excerptOf(text, new Set(['cafe']));
          const shown = excerpt
            .map((part) => part.text)
            .join('')
            .replace(/^…|…$/g, '');
          expect(plainText(text)).toContain(shown);
          for (const part of excerpt.filter((segment) => segment.match))
            expect(foldTerm(part.text)).toBe('cafe');
        },
      ),
    );
  });
});
