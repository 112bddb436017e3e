import type { HighlightedText } from '../../../shared/journal/index.js';
import { foldTerm, TERM_PATTERN } from './search-terms.js';

/** About this many characters of text around the matches (the contract says at most about 300). */
export const EXCERPT_LENGTH = 280;
/** Context kept before the first match of the excerpt. */
const LEAD = 60;

// Markdown marks that say how text looks, not what it says: a hit reads as the sentence, not its markup.
const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g;
const LINK = /\[([^\]]*)\]\([^)]*\)/g;
const LINE_MARKS = /^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)/gm;
const INLINE_MARKS = /(\*\*|__|~~|`+)/g;
const FENCES = /^[ \t]{0,3}(?:`{3,}|~{3,})[^\n]*$/gm;
const SPACE = /\s+/g;

/** The text of a message as a line of plain text: Markdown marks dropped, white space collapsed. */
export function plainText(markdown: string): string {
  return markdown
    .replace(FENCES, ' ')
    .replace(IMAGE, '$1')
    .replace(LINK, '$1')
    .replace(LINE_MARKS, '')
    .replace(INLINE_MARKS, '')
    .replace(SPACE, ' ')
    .trim();
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The part of a message that shows why it was found: about EXCERPT_LENGTH characters of its plain text
 * around the most matches, with the words whose folded form is one of `matched` (the index's terms that
 * matched the query) marked. Segments are text, never markup: the page shows `<b>` as the four characters
 * it is. A cut is shown with `…`. When no match is in the text (it was in a tag), the text's start.
 */
export function excerptOf(markdown: string, matched: ReadonlySet<string>): HighlightedText {
  const text = plainText(markdown);
  const spans: Span[] = [];
  for (const found of text.matchAll(TERM_PATTERN)) {
    const folded = foldTerm(found[0]);
    if (folded !== null && matched.has(folded)) {
      spans.push({ start: found.index, end: found.index + found[0].length });
    }
  }
  const [from, to] = windowOf(text, spans);
  const segments: { text: string; match: boolean }[] = [];
  const plain = (value: string): void => {
    if (value.length === 0) return;
    const last = segments.at(-1);
    if (last !== undefined && !last.match) last.text += value;
    else segments.push({ text: value, match: false });
  };
  if (from > 0) plain('…');
  let at = from;
  for (const span of spans) {
    if (span.start < from || span.end > to) continue;
    plain(text.slice(at, span.start));
    segments.push({ text: text.slice(span.start, span.end), match: true });
    at = span.end;
  }
  plain(text.slice(at, to));
  if (to < text.length) plain('…');
  return segments;
}

/** The window of the text with the most matches in it, starting a little before its first one. */
function windowOf(text: string, spans: readonly Span[]): [number, number] {
  if (text.length <= EXCERPT_LENGTH) return [0, text.length];
  let best = { from: 0, count: 0 };
  for (const [i, span] of spans.entries()) {
    const from = Math.max(0, span.start - LEAD);
    let count = 0;
    for (let j = i; j < spans.length && spans[j]!.end <= from + EXCERPT_LENGTH; j++) count++;
    if (count > best.count) best = { from, count };
  }
  const from = best.from === 0 ? 0 : wordStart(text, best.from);
  const to = Math.min(text.length, wordEnd(text, from + EXCERPT_LENGTH));
  return [from, to];
}

/** Moves a cut forward to the start of a word, so the excerpt does not begin mid-word. */
function wordStart(text: string, at: number): number {
  const space = text.indexOf(' ', at);
  return space === -1 || space - at > 20 ? at : space + 1;
}

/** Moves a cut back to the end of a word. */
function wordEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const space = text.lastIndexOf(' ', at);
  return space === -1 || at - space > 20 ? at : space;
}
