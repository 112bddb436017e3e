import { diffWordsWithSpace } from 'diff';

export type SegmentKind = 'same' | 'added' | 'removed';

/** A run of text that both strings share, or that only the new one (added) or the old one (removed) has. */
export interface WordSegment {
  readonly text: string;
  readonly kind: SegmentKind;
}

/**
 * Past this many word edits two strings are too different for a word diff to help (and the diff's cost
 * grows with the edits): they are shown as one removed and one added run instead.
 */
const MAX_WORD_EDITS = 1000;

/**
 * A word-level diff of a changed string. Whitespace runs are words too, so a change of spacing shows; the
 * `same` and `removed` segments spell `before` in order, the `same` and `added` ones spell `after`.
 */
export function wordDiff(before: string, after: string): WordSegment[] {
  if (before === after) return before === '' ? [] : [{ text: before, kind: 'same' }];
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_WORD_EDITS });
  if (changes === undefined) return replacedWhole(before, after);
  const segments: WordSegment[] = [];
  for (const change of changes) {
    if (change.value === '') continue;
    segments.push({ text: change.value, kind: change.added ? 'added' : change.removed ? 'removed' : 'same' });
  }
  return segments;
}

function replacedWhole(before: string, after: string): WordSegment[] {
  const segments: WordSegment[] = [];
  if (before !== '') segments.push({ text: before, kind: 'removed' });
  if (after !== '') segments.push({ text: after, kind: 'added' });
  return segments;
}

/** The segments one side shows: the old string's (same and removed) or the new one's (same and added). */
export function sideOf(segments: readonly WordSegment[], side: 'before' | 'after'): WordSegment[] {
  const hidden: SegmentKind = side === 'before' ? 'added' : 'removed';
  return segments.filter((segment) => segment.kind !== hidden);
}
