import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeTag, tagsInText } from '../../shared/journal/index.js';

describe('tagsInText', () => {
  it('finds #tags in prose, normalised and each once, in order', () => {
    expect(tagsInText('Met #Ana at the #café, #ana again; (#Travel) *#mood* _#weekend_ #日記')).toStrictEqual(
      ['ana', 'café', 'travel', 'mood', 'weekend', '日記'],
    );
  });

  it('keeps "-" and "_" inside a tag and drops them at its end', () => {
    expect(tagsInText('#long-term #to_do- #x_')).toStrictEqual(['long-term', 'to_do', 'x']);
  });

  it('ignores numbers, headings, C#, entities, anchors, escapes and doubled #', () => {
    expect(
      tagsInText('# Heading\n#12 #2026goals C# &#39; page/#anchor \\#escaped ##twice a=#b'),
    ).toStrictEqual([]);
  });

  it('ignores code and links', () => {
    const text = [
      'Before #real',
      '```',
      '#not-in-fence',
      '```',
      'Use `#not-inline` and see https://example.org/page#section or <https://x.org/#frag>',
      '~~~~',
      '#not-in-tilde-fence',
      '~~~~',
      'After #also-real',
    ].join('\n');
    expect(tagsInText(text)).toStrictEqual(['real', 'also-real']);
  });

  it('treats Unicode forms of one tag as the same tag', () => {
    expect(tagsInText('#cafe\u0301 and #caf\u00e9')).toStrictEqual(['caf\u00e9']);
  });

  it('skips a tag over 64 characters', () => {
    expect(tagsInText(`#${'a'.repeat(64)} #${'b'.repeat(65)}`)).toStrictEqual(['a'.repeat(64)]);
  });

  it('gives, for any text, only tags that normalizeTag accepts as they are', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const tag of tagsInText(text)) expect(normalizeTag(tag)).toBe(tag);
      }),
    );
  });

  it('finds a tag wherever it is put between spaces, in any text', () => {
    const tag = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}[a-z0-9]$/);
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), tag, fc.string({ maxLength: 50 }), (before, name, after) => {
        const text = `${before.replace(/[`<~]/g, '')}\n#${name} ${after.replace(/[`<]/g, '')}`;
        expect(tagsInText(text)).toContain(name);
      }),
    );
  });
});

describe('normalizeTag', () => {
  it('takes a tag with or without #, any case, and refuses what is no tag', () => {
    expect(normalizeTag('#Work')).toBe('work');
    expect(normalizeTag('work')).toBe('work');
    for (const typed of ['', '#', '#1', 'a b', 'a#b', '-x', 'x'.repeat(65)])
      expect(normalizeTag(typed)).toBeUndefined();
  });
});
