import { describe, expect, it } from 'vitest';
import { markdownHtml, plainLines, plainText, tagOfLink } from '../../renderer/src/lib/journal/markdown.js';

describe('message Markdown, before sanitising', () => {
  it('never parses raw HTML: tags stay text', () => {
    const html = markdownHtml('<script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold</b>');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('links only http(s) and mailto, opening outside the app', () => {
    const html = markdownHtml(
      '[a](javascript:alert(1)) [b](data:text/html,x) [c](file:///etc/passwd) [d](https://example.org/x) <mailto:me@example.org>',
    );
    expect(html).not.toMatch(/href="(javascript|data|file):/);
    expect(html).toContain('<a href="https://example.org/x" target="_blank" rel="noopener noreferrer">d</a>');
    expect(html).toContain('href="mailto:me@example.org"');
  });

  it('makes bare web addresses links', () => {
    expect(markdownHtml('see https://example.org/a?b=1 now')).toContain(
      '<a href="https://example.org/a?b=1" target="_blank" rel="noopener noreferrer">',
    );
  });

  it('never loads a picture from the text: it becomes a link to it', () => {
    const html = markdownHtml('![tracker](https://tracker.example/pixel.gif) ![x](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(html).toContain('<a class="remote-image" href="https://tracker.example/pixel.gif"');
    // A link Markdown may not make is left as the text that was typed.
    expect(html).toContain('![x](javascript:alert(1))');
    expect(html).not.toContain('href="javascript');
  });

  it('makes #tags links to a tag search, except in code, links and headings', () => {
    const html = markdownHtml(
      'Ferry #Oslo and `#notatag` and [#neither](https://x.org) https://x.org/#nor C# _#emph_',
    );
    expect(html).toContain('<a href="#tag/oslo" class="tag">#Oslo</a>');
    expect(html).toContain('<a href="#tag/emph" class="tag">#emph</a>');
    expect(html).not.toMatch(/#tag\/(notatag|neither|nor)/);
    expect((html.match(/class="tag"/g) ?? []).length).toBe(2);
  });

  it('keeps the text of tags with accents and scripts, as typed', () => {
    const html = markdownHtml('#Café #日記');
    expect(html).toContain(`<a href="#tag/${encodeURIComponent('café')}" class="tag">#Café</a>`);
    expect(html).toContain(`<a href="#tag/${encodeURIComponent('日記')}" class="tag">#日記</a>`);
    expect(tagOfLink(`#tag/${encodeURIComponent('日記')}`)).toBe('日記');
    expect(tagOfLink('https://example.org/#tag/x')).toBeUndefined();
  });

  it('turns single line breaks into breaks, as a chat does', () => {
    expect(markdownHtml('one\ntwo')).toBe('<p>one<br>\ntwo</p>\n');
  });

  it('gives a plain one-line text for previews', () => {
    expect(plainText('**Bold** and `code` & <tags>\nsecond line')).toBe('Bold and code & <tags>');
  });

  it('gives every line in one run for previews of a few lines, without list, heading or quote marks', () => {
    expect(
      plainLines(
        '## Trip\n\nThings to **remember**:\n\n- passport\n* the #charger\n2. `ferry`\n> quoted - kept\n-5 degrees',
      ),
    ).toBe('Trip Things to remember: passport the #charger ferry quoted - kept -5 degrees');
    expect(plainLines('\n  \n')).toBe('');
  });
});
