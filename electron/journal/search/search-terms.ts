/**
 * How the search index cuts text into terms, used alike for messages and for queries so that both sides
 * meet: words are folded (lowercase, accents and compatibility forms removed: `Café` and `cafe` are one
 * term), emoji are terms of their own (`🎉` finds a party even when written as `great🎉`), and Chinese or
 * Japanese characters, written without spaces, are terms one character each.
 */

// One emoji as written: a pictograph with its modifiers and joined parts, a flag, or a keycap.
const EMOJI =
  '\\p{Extended_Pictographic}(?:\\p{Emoji_Modifier}|\\uFE0F|\\u20E3)*(?:\\u200D\\p{Extended_Pictographic}(?:\\p{Emoji_Modifier}|\\uFE0F)*)*' +
  '|\\p{Regional_Indicator}{2}';
// Scripts written without spaces between words: each character is a term.
const IDEOGRAPH = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]';
// Letters, digits, marks and `_`, but not the ideographs above.
const WORD = '(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}])[\\p{L}\\p{N}\\p{M}_])+';

/** Every term of a text with where it is (for highlighting): emoji, ideographs and words. */
export const TERM_PATTERN = new RegExp(`${EMOJI}|${IDEOGRAPH}\\p{M}*|${WORD}`, 'gu');

const EMOJI_START = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})/u;
// Variation selector 16 and skin tones: 👍🏽 and ❤️ are found by 👍 and ❤, and the other way round.
const EMOJI_VARIANTS = /\uFE0F|\p{Emoji_Modifier}/gu;
// Combining diacritics (U+0300 to U+036F): the accents of Latin, Greek and Cyrillic letters. Other marks
// (Japanese voicing marks, Indic vowel signs) change the letter, so they stay.
const DIACRITICS = /[\u0300-\u036f]/g;
// Letters that are not a base letter plus an accent in Unicode, but that people type without it.
const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Longer runs are not words anyone searches for (a hash, a base64 blob): they are not indexed. */
export const MAX_TERM_LENGTH = 64;

/**
 * The raw terms of a text, in order (MiniSearch's `tokenize`). Compatibility forms are unified first, so
 * that half-width katakana or a ligature split into the same terms as their usual forms.
 */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').match(TERM_PATTERN) ?? [];
}

/**
 * A term as it is indexed and searched (MiniSearch's `processTerm`): folded, or null for one that is not
 * indexed (too long).
 */
export function foldTerm(term: string): string | null {
  if (EMOJI_START.test(term)) return term.replace(EMOJI_VARIANTS, '');
  const folded = term
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(SPECIAL_LETTERS, (letter) => LETTERS[letter] ?? letter);
  return folded.length === 0 || folded.length > MAX_TERM_LENGTH ? null : folded;
}

/** The folded terms of a text (for a query: what must match). */
export function termsOf(text: string): string[] {
  return tokenize(text).flatMap((term) => foldTerm(term) ?? []);
}

/** True for an emoji term (no prefix or typo matching: 👍 is not the start of another word). */
export function isEmojiTerm(term: string): boolean {
  return EMOJI_START.test(term);
}
