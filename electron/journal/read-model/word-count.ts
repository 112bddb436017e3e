/**
 * Words of a message, as the statistics count them: runs of letters and digits, with inner apostrophes
 * and hyphens (`don't`, `long-term` are one word each). Markdown marks, emoji and punctuation are not words.
 * A run of Chinese or Japanese characters counts as one word, as a space-separated count would see it.
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’_-][\p{L}\p{N}\p{M}]+)*/gu;

export function wordCount(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(WORD)) count++;
  return count;
}
