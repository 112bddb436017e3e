import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeRows } from '../../renderer/src/lib/diff/change-rows.js';
import { sideOf, wordDiff, type WordSegment } from '../../renderer/src/lib/diff/word-diff.js';
import { diffJson } from '../../shared/json-diff/index.js';

const textOf = (segments: readonly WordSegment[]): string => segments.map((segment) => segment.text).join('');

describe('wordDiff', () => {
  it('marks the words that changed and keeps the rest', () => {
    expect(wordDiff('the quick brown fox', 'the slow brown fox')).toEqual([
      { text: 'the ', kind: 'same' },
      { text: 'quick', kind: 'removed' },
      { text: 'slow', kind: 'added' },
      { text: ' brown fox', kind: 'same' },
    ]);
  });

  it('shows a change of spacing, which a whitespace-blind diff would call equal', () => {
    const segments = wordDiff('a b', 'a  b');
    expect(segments.some((segment) => segment.kind !== 'same')).toBe(true);
    expect(textOf(sideOf(segments, 'after'))).toBe('a  b');
  });

  it('gives one same segment for equal strings and nothing for two empty ones', () => {
    expect(wordDiff('same words', 'same words')).toEqual([{ text: 'same words', kind: 'same' }]);
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'new')).toEqual([{ text: 'new', kind: 'added' }]);
  });

  it('shows strings with too many differences as removed whole and added whole', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `v${i}`).join(' ');
    expect(wordDiff(before, after)).toEqual([
      { text: before, kind: 'removed' },
      { text: after, kind: 'added' },
    ]);
  });

  it('spells the old string with its same and removed segments and the new one with same and added', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'word', ' ', '  ', '\n', ',', 'é', '😀'), {
      maxLength: 12,
    });
    const text = fc.oneof(
      words.map((parts) => parts.join('')),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, text, (before, after) => {
        const segments = wordDiff(before, after);
        expect(textOf(sideOf(segments, 'before'))).toBe(before);
        expect(textOf(sideOf(segments, 'after'))).toBe(after);
        expect(segments.every((segment) => segment.text !== '')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('changeRows', () => {
  it('lists each change with its path text and JSON values, and word diffs for changed strings', () => {
    const rows = changeRows(
      diffJson(
        { title: 'Weekly report draft', count: null, tags: ['a'] },
        { title: 'Weekly report final', count: 2, tags: ['a', 'b'], 'owner-id': 7 },
      ),
    );
    expect(rows.map((row) => [row.op, row.pathText, row.before, row.after])).toEqual([
      ['change', 'title', '"Weekly report draft"', '"Weekly report final"'],
      ['change', 'count', 'null', '2'],
      ['add', 'tags[1]', null, '"b"'],
      ['add', '["owner-id"]', null, '7'],
    ]);
    expect(rows[0]!.words).toEqual([
      { text: 'Weekly report ', kind: 'same' },
      { text: 'draft', kind: 'removed' },
      { text: 'final', kind: 'added' },
    ]);
    expect(rows.slice(1).map((row) => row.words)).toEqual([null, null, null]);
  });
});
