import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../renderer/src/lib/diff/word-diff.js';
import { sharesWords } from '../../renderer/src/lib/projections/shares-words.js';

describe('sharesWords', () => {
  it('is true when the strings keep words in common', () => {
    expect(sharesWords(wordDiff('leave it at the door', 'leave it with the neighbour'))).toBe(true);
  });

  it('is false for a string replaced whole, where only spaces or nothing is shared', () => {
    expect(sharesWords(wordDiff('ItemAdded', 'NoteChanged'))).toBe(false);
    expect(sharesWords(wordDiff('red car', 'blue bike'))).toBe(false);
    expect(sharesWords([])).toBe(false);
  });
});
