import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JournalVocabulary, messageText } from '../../bench/journal-dataset.js';
import * as markdown from '../../renderer/src/lib/journal/markdown.js';
import {
  markdownReadyFor,
  messageHtml,
  plainLines,
  plainText,
} from '../../renderer/src/lib/journal/message-text.svelte.js';
import { plainMessageHtml } from '../../renderer/src/lib/journal/plain-message.js';
import { safeHtml } from '../../renderer/src/lib/journal/safe-html.js';

/** What the list drew before markdown-it was loaded lazily: the plain path, else markdown-it and DOMPurify. */
const drawnBefore = (text: string): string => plainMessageHtml(text) ?? safeHtml(markdown.markdownHtml(text));

const PIECES = [
  'coffee',
  'café',
  '日記',
  '🎉',
  ' ',
  '\n',
  '\n\n',
  '#tag',
  '#Work_2026-',
  '# ',
  'C#',
  '.',
  '. ',
  'example.com',
  'me@example.org',
  'https://example.org/#x',
  '1. ',
  '- ',
  '*em*',
  '**b**',
  '`code`',
  '[a](https://example.org)',
  '<b>',
  '<script>alert(1)</script>',
  '&amp;',
  '"quoted"',
  "it's",
  '> ',
  '\t',
];
const text = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 })
  .map((pieces) => pieces.join(''));

const vocabulary = new JournalVocabulary();
const benchTexts = Array.from({ length: 300 }, (_, n) => messageText(vocabulary, n));

// The order matters: markdown-it is not loaded until a test asks for it (the module keeps it once loaded).
describe('a message’s text before markdown-it is loaded', () => {
  it('needs nothing loaded for prose, tags and emoji: the benchmark journal’s messages among them', () => {
    expect(markdownReadyFor(['Long day. Tired but happy 🎉', 'Coffee with #anna', ''])).toBeUndefined();
    expect(markdownReadyFor(benchTexts)).toBeUndefined();
    for (const sample of benchTexts) expect(messageHtml(sample)).toBe(drawnBefore(sample));
  });

  it('gives one-line previews without markdown-it, as it would', () => {
    fc.assert(
      fc.property(text, (sample) => {
        const line = sample.split('\n', 1)[0] ?? '';
        if (line !== '' && markdownReadyFor([line]) !== undefined) return;
        expect(plainText(sample)).toBe(markdown.plainText(sample));
        expect(plainLines(line)).toBe(markdown.plainLines(line));
      }),
      { numRuns: 1000 },
    );
  });

  it('shows Markdown as escaped text, never as HTML, until markdown-it has come', () => {
    const html = messageHtml('**b** <script>alert(1)</script> & "q"');
    expect(html).toBe('<p>**b** &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</p>\n');
  });
});

describe('a message’s text once markdown-it is loaded', () => {
  it('is drawn by markdown-it and DOMPurify as before, once the list has waited for them', async () => {
    const pending = markdownReadyFor(['plain words', '**bold** and [a link](https://example.org)']);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(markdownReadyFor(['**bold**'])).toBeUndefined();
    fc.assert(
      fc.property(text, (sample) => {
        expect(messageHtml(sample)).toBe(drawnBefore(sample));
        expect(plainText(sample)).toBe(markdown.plainText(sample));
        expect(plainLines(sample)).toBe(markdown.plainLines(sample));
      }),
      { numRuns: 1000 },
    );
  });
});
