import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../electron/reports/html-report.js';
import { markdownText } from '../../electron/reports/markdown-report.js';

// The most permissive reader: raw HTML on, links recognised. An entry's text must still come out as text.
const reader = new MarkdownIt({ html: true, linkify: false });

/** The text a browser would show for markdown-it's HTML of one paragraph, and the tags it used. */
function shown(markdown: string): { text: string; tags: string[] } {
  const html = reader.render(markdown);
  const tags = [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((match) => match[1]!);
  const text = html
    .replace(/<br\s*\/?>\n?/g, '\n')
    .replace(/<\/?p>\n?/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { text: text.trimEnd(), tags };
}

// Lines of printable ASCII with every Markdown and HTML mark, no leading or trailing blanks (paragraphs
// are trimmed before they are written) and no blank lines (those split paragraphs).
const line = fc
  .stringMatching(/^[!-~][ -~]{0,40}$/)
  .filter((text) => text.trim() === text && !/\s{2,}/.test(text));
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));

describe("an entry's text in a report", () => {
  it('reads back in Markdown as exactly the text typed, with no tag but paragraphs and line breaks', () => {
    fc.assert(
      fc.property(paragraph, (text) => {
        const { text: back, tags } = shown(markdownText(text));
        expect(tags.every((tag) => tag === 'p' || tag === 'br')).toBe(true);
        expect(back).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps raw HTML and Markdown marks as text', () => {
    expect(shown(markdownText('<script>alert(1)</script> **bold** [x](http://e.invalid)')).text).toBe(
      '<script>alert(1)</script> **bold** [x](http://e.invalid)',
    );
    expect(shown(markdownText('# not a heading\n- not a list\n1. not a list')).tags).toEqual([
      'p',
      'br',
      'br',
      'p',
    ]);
  });

  it('escapes everything HTML would read in the HTML report', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
      }),
    );
  });
});
