import MarkdownIt, { type StateCore, type Token } from 'markdown-it';
import { tagSpans } from '../../../../shared/journal/tags.js';
import { TAG_LINK } from './tag-links.js';

export { TAG_LINK, tagOfLink } from './tag-links.js';

/**
 * A message's Markdown as HTML, the first of two locks (the second is safe-html.ts, DOMPurify, which
 * every caller applies before the HTML reaches the page). Here: raw HTML is not parsed at all (`html:
 * false`: `<script>` stays text), links are only http(s) and mailto and open outside the app (target
 * _blank; the desktop shell hands them to the system browser), pictures in the text are never loaded (a
 * remote image would tell a server when the journal was read) but shown as a link, and `#tags` become
 * links the view turns into a search for that tag.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const SAFE_LINK = /^(https?:|mailto:)/i;
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

// The journal is prose, not a wiki: headings and rules are rare, and `#tag` at the start of a line must
// stay a tag even with a space typed after it by accident.
markdown.disable(['lheading']);

const rules = markdown.renderer.rules;

rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  if (!String(token.attrGet('href') ?? '').startsWith(TAG_LINK)) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return self.renderToken(tokens, index, options);
};

rules.image = (tokens, index) => {
  const token = tokens[index]!;
  const source = String(token.attrGet('src') ?? '');
  const label = markdown.utils.escapeHtml(token.content || 'picture');
  if (!SAFE_LINK.test(source)) return `<span class="remote-image">[${label}]</span>`;
  const href = markdown.utils.escapeHtml(source);
  return `<a class="remote-image" href="${href}" target="_blank" rel="noopener noreferrer" title="Not loaded: pictures from the web are shown as links">[${label}]</a>`;
};

markdown.core.ruler.push('journal_tags', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || block.children === null) continue;
    block.children = linkTags(block.children, state.Token);
  }
});

function linkTags(children: Token[], TokenClass: StateCore['Token']): Token[] {
  const out: Token[] = [];
  let insideLink = 0;
  for (const token of children) {
    if (token.type === 'link_open') insideLink += 1;
    if (token.type === 'link_close') insideLink -= 1;
    if (token.type !== 'text' || insideLink > 0) {
      out.push(token);
      continue;
    }
    const spans = tagSpans(token.content);
    if (spans.length === 0) {
      out.push(token);
      continue;
    }
    let from = 0;
    const text = (content: string) => {
      const piece = new TokenClass('text', '', 0);
      piece.content = content;
      out.push(piece);
    };
    for (const span of spans) {
      if (span.start > from) text(token.content.slice(from, span.start));
      const open = new TokenClass('link_open', 'a', 1);
      open.attrs = [
        ['href', `${TAG_LINK}${encodeURIComponent(span.tag)}`],
        ['class', 'tag'],
      ];
      out.push(open);
      text(token.content.slice(span.start, span.end));
      out.push(new TokenClass('link_close', 'a', -1));
      from = span.end;
    }
    if (from < token.content.length) text(token.content.slice(from));
  }
  return out;
}

/** The message's text as HTML (not yet sanitised: pass it through safeHtml before showing it). */
export function markdownHtml(text: string): string {
  return markdown.render(text);
}

/** Text with Markdown marks removed, for one-line previews and titles. */
export function plainText(text: string): string {
  const html = markdown.renderInline(text.split('\n', 1)[0] ?? '');
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Every line of the text as plain text in one run, for previews of a few lines (a pin, a card): list,
 * heading and quote marks dropped, as they would read as stray dashes and hashes once joined.
 */
export function plainLines(text: string): string {
  return text
    .split('\n')
    .map((line) => plainText(line.replace(/^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+)?/, '')).trim())
    .filter((line) => line !== '')
    .join(' ');
}
