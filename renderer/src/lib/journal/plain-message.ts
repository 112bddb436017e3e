import { tagSpans } from '../../../../shared/journal/tags.js';
import { TAG_LINK } from './tag-links.js';

/**
 * Most messages are prose with no Markdown in them: for those, the HTML that markdown.ts would make (one
 * paragraph, a `<br>` per line, `#tags` as links) is written here directly, without markdown-it's parse
 * and DOMPurify's pass over a DOM, which cost more than the rest of a row on the journal's first screen.
 * The text qualifies only when nothing in it could be Markdown or a link to markdown-it (see NOT_PLAIN):
 * anything else goes the whole way. A property test holds the two outputs equal.
 */
export function plainMessageHtml(text: string): string | undefined {
  if (text === '' || NOT_PLAIN.test(text) || /localhost/i.test(text)) return undefined;
  const lines = text.split('\n');
  for (const line of lines) {
    // Blank lines (paragraphs), indents and trailing spaces are markdown-it's to read.
    if (line === '' || line !== line.trim() || LINE_START.test(line) || CONTROL.test(line)) return undefined;
  }
  return `<p>${lines.map(lineHtml).join('<br>\n')}</p>\n`;
}

/**
 * Characters that may start Markdown (emphasis, code, links, images, HTML, entities, escapes, tables,
 * quotes, strikethrough), a `.` not followed by a space (a domain for linkify, `1.2`), `:/`
 * and `//` (a URL) and `@` (an e-mail address).
 */
const NOT_PLAIN = /[\\`*_[\]<>&|~@]|\.(?!\s|$)|:\/|\/\//;

/** Tabs, carriage returns and other controls within a line. */
const CONTROL = /\p{Cc}/u;

/** A line that starts a heading, a list item, a rule or a code fence. */
const LINE_START = /^(?:#(?:[#\s]|$)|[-+]|\d{1,9}[.)])/;

function lineHtml(line: string): string {
  let html = '';
  let from = 0;
  for (const span of tagSpans(line)) {
    html += escapeHtml(line.slice(from, span.start));
    html += `<a href="${TAG_LINK}${encodeURIComponent(span.tag)}" class="tag">${escapeHtml(line.slice(span.start, span.end))}</a>`;
    from = span.end;
  }
  return html + escapeHtml(line.slice(from));
}

/** As markdown-it escapes text (`&`, `<` and `>` never reach here). */
function escapeHtml(text: string): string {
  return text.replace(/"/g, '&quot;');
}
