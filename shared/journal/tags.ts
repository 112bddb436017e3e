import { MAX_TAG_LENGTH } from './limits.js';

/**
 * Tags come from two places: `#words` in a message's text, found when the message is posted or edited and
 * written into the event (so a jq reader sees them without re-implementing this parser, and a later change
 * of the parser never changes what history says), and tags added by hand (TagAdded / TagRemoved).
 *
 * The rule, chosen to match what people type in Telegram or Day One and to stay clear of Markdown:
 * - `#` then a letter, then letters, digits, marks, `_` or `-`: `#work`, `#café`, `#2026_goals` is not
 *   (it starts with a digit, like an issue number `#12`), `#日記` is;
 * - the `#` starts the text or follows something that is not a letter, digit, `&`, `/`, `\`, `=` or `#`
 *   (so `C#`, `&#39;`, `page/#anchor`, `\#escaped` and `##` are not tags);
 * - nothing inside code (fenced blocks and `inline code`) or links (`https://…#section`) is a tag;
 * - a Markdown heading (`# Title`, with a space) is not a tag;
 * - trailing `-` and `_` are dropped (`_#tag_` in emphasis is `tag`);
 * - tags are compared and stored in Unicode NFC lowercase, without the `#`; longer than 64 characters is
 *   not a tag; each tag is listed once, in order of first appearance.
 */
const TAG_IN_TEXT = /(?<![\p{L}\p{N}\p{M}&/\\=#])#(\p{L}[\p{L}\p{N}\p{M}_-]*)/gu;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const INLINE_CODE = /(`+)[^`]*?\1/g;
const LINK = /\b[a-z][a-z0-9+.-]*:\/\/\S+|<[^>\s]+>/gi;
const WHOLE_TAG = /^\p{L}[\p{L}\p{N}\p{M}_-]*$/u;

/** The tags written in a text, normalised, each once. */
export function tagsInText(text: string): string[] {
  const found = new Set<string>();
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker.startsWith(fence[0]!) && marker.length >= fence.length)
        fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const prose = line.replace(INLINE_CODE, ' ').replace(LINK, ' ');
    for (const match of prose.matchAll(TAG_IN_TEXT)) {
      const tag = normalizeTag(match[1]!);
      if (tag !== undefined) found.add(tag);
    }
  }
  return [...found];
}

/**
 * A tag as typed (`Work`, `#work`) in its stored form (`work`), or undefined when it is not a tag by the
 * rule above.
 */
export function normalizeTag(typed: string): string | undefined {
  const bare = typed
    .normalize('NFC')
    .toLowerCase()
    .replace(/^#/, '')
    .replace(/[-_]+$/, '');
  if (bare.length === 0 || bare.length > MAX_TAG_LENGTH || !WHOLE_TAG.test(bare)) return undefined;
  return bare;
}

/** A tag written in a run of prose: where its `#` starts, where it ends, and the tag it stands for. */
export interface TagSpan {
  readonly start: number;
  readonly end: number;
  readonly tag: string;
}

/**
 * The tags in a run of prose that holds no code and no link (a renderer's text between them), by the
 * rule above, with where each is written: the chat view makes them clickable. A trailing `-` or `_` is
 * left outside the span, as it is left out of the tag.
 */
export function tagSpans(prose: string): TagSpan[] {
  const spans: TagSpan[] = [];
  for (const match of prose.matchAll(TAG_IN_TEXT)) {
    const tag = normalizeTag(match[1]!);
    if (tag === undefined) continue;
    const written = match[1]!.replace(/[-_]+$/, '');
    spans.push({ start: match.index, end: match.index + 1 + written.length, tag });
  }
  return spans;
}
