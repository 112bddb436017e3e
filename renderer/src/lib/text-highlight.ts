/** A piece of text, and whether it is a match of what the user searched for. */
export interface TextPart {
  readonly text: string;
  readonly match: boolean;
}

/** At most this many matches are marked in one text: a one-letter search of a big value would mark thousands. */
const MOST_MARKED = 50;

/**
 * Splits `text` into matches of `query` (ignoring case, as the log's text filter does) and the text between,
 * for a view to mark the matches. No query, or no match: one unmarked part.
 */
export function highlightParts(text: string, query: string): TextPart[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [{ text, match: false }];
  const haystack = text.toLowerCase();
  const parts: TextPart[] = [];
  let from = 0;
  for (let marked = 0; marked < MOST_MARKED; marked++) {
    const at = haystack.indexOf(needle, from);
    // Lower-casing can change a string's length (İ): past that, marks would land beside the match.
    if (at === -1 || haystack.length !== text.length) break;
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts.length === 0 ? [{ text, match: false }] : parts;
}

/** Whether `text` contains `query`, ignoring case. */
export function containsText(text: string, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return needle !== '' && text.toLowerCase().includes(needle);
}
