import { describe, expect, it } from 'vitest';
import { dataPreview } from '../../renderer/src/lib/log/data-preview.js';
import { containsText, highlightParts } from '../../renderer/src/lib/text-highlight.js';

describe('the data preview of a row', () => {
  it('shows the first fields as key and value, strings as they are and the rest as compact JSON', () => {
    expect(dataPreview({ sku: 'K1', qty: 2, customer: { id: 'u-1' }, tags: ['a'] })).toEqual([
      { key: 'sku', value: 'K1' },
      { key: 'qty', value: '2' },
      { key: 'customer', value: '{"id":"u-1"}' },
      { key: 'tags', value: '["a"]' },
    ]);
    expect(dataPreview('plain')).toEqual([{ key: '', value: 'plain' }]);
    expect(dataPreview([1, 2])).toEqual([{ key: '', value: '[1,2]' }]);
  });

  it('puts the fields that hold the searched text first, and cuts long values and many fields', () => {
    const data = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`f${i}`, i === 10 ? 'a GIFT' : 'x'.repeat(100)]),
    );
    const preview = dataPreview(data, 'gift');
    expect(preview[0]).toEqual({ key: 'f10', value: 'a GIFT' });
    expect(preview).toHaveLength(8);
    expect(preview[1]!.value).toHaveLength(80);
    expect(preview[1]!.value.endsWith('…')).toBe(true);
  });
});

describe('marking searched text', () => {
  it('splits a text into its matches, ignoring case, and the text between', () => {
    expect(highlightParts('Gift wrap, gift card', 'GIFT')).toEqual([
      { text: 'Gift', match: true },
      { text: ' wrap, ', match: false },
      { text: 'gift', match: true },
      { text: ' card', match: false },
    ]);
    expect(highlightParts('nothing', '')).toEqual([{ text: 'nothing', match: false }]);
    expect(highlightParts('nothing', 'zz')).toEqual([{ text: 'nothing', match: false }]);
    expect(containsText('Ada Lovelace', ' love ')).toBe(true);
  });

  it('keeps every character, whatever is searched', () => {
    for (const [text, query] of [
      ['aaaa', 'aa'],
      ['İstanbul', 'i'],
      ['x'.repeat(200), 'x'],
    ] as const) {
      expect(
        highlightParts(text, query)
          .map((part) => part.text)
          .join(''),
      ).toBe(text);
    }
  });
});
