import type { WordSegment } from '../diff/word-diff.js';

/**
 * Whether a word diff keeps any words: only then does it read better than the old and the new value side by
 * side (`"ItemAdded" → "NoteChanged"` says more than the two words run together).
 */
export function sharesWords(segments: readonly WordSegment[]): boolean {
  return segments.some((segment) => segment.kind === 'same' && segment.text.trim() !== '');
}
