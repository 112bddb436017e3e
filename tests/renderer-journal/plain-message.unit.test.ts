import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JournalVocabulary, messageText } from '../../bench/journal-dataset.js';
import { markdownHtml } from '../../renderer/src/lib/journal/markdown.js';
import { plainMessageHtml } from '../../renderer/src/lib/journal/plain-message.js';

/** Pieces of text, Markdown among them, that fast-check strings together into messages. */
const PIECES = [
  'coffee',
  'by the',
  'Harbour',
  'café',
  '日記',
  '🎉',
  '👍🏽',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '#tag',
  '#Work_2026-',
  '# ',
  '#',
  '##',
  '#12',
  'C#',
  '.',
  '. ',
  '...',
  'example.com',
  'www.example.org',
  'me@example.org',
  'https://example.org/#x',
  '//x',
  'localhost:8080',
  ':)',
  '10:30',
  '1. ',
  '2) ',
  '- ',
  '+ ',
  '* ',
  '---',
  '___',
  '*em*',
  '_em_',
  '**b**',
  '`code`',
  '```',
  '~~s~~',
  '[a](https://example.org)',
  '![p](https://example.org/p.png)',
  '<b>',
  '&amp;',
  '&',
  '"quoted"',
  "it's",
  '> ',
  '| a | b |',
  '\\*',
  '\t',
  '    ',
  '\u00a0',
  '=',
  '!',
  '(',
  ')',
  '?',
  ',',
];

const message = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 })
  .map((pieces) => pieces.join(''));

describe('the HTML of a message without Markdown, written without markdown-it', () => {
  it('is exactly what markdown-it makes of it, whenever it is given', () => {
    fc.assert(
      fc.property(message, (text) => {
        const plain = plainMessageHtml(text);
        if (plain !== undefined) expect(plain).toBe(markdownHtml(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('is given for prose: sentences, several lines, tags, emoji and quotes', () => {
    const texts = [
      'Coffee by the harbour #ana',
      'Long day. Tired but happy 🎉',
      'First line\nsecond line with #Work-2026- and C# and #12',
      'She said "yes" at 10:30 :)',
      '#tag at the start',
    ];
    for (const text of texts) {
      expect(plainMessageHtml(text)).toBe(markdownHtml(text));
    }
    expect(plainMessageHtml('Line one\nline two')).toBe('<p>Line one<br>\nline two</p>\n');
  });

  it('is given for the benchmark journal’s messages, and equal to markdown-it’s', () => {
    const vocabulary = new JournalVocabulary(2_000);
    for (let n = 0; n < 300; n++) {
      const text = messageText(vocabulary, n);
      expect(plainMessageHtml(text)).toBe(markdownHtml(text));
    }
  });

  it('is not given where Markdown or a link could be', () => {
    for (const text of [
      'see example.com',
      'mail me@example.org',
      '*bold*',
      '# Heading',
      '- item',
      '1. item',
      'a\n\nb',
      '  indented',
      'a `b`',
      'x &amp; y',
      'localhost:3000',
      '',
    ]) {
      expect(plainMessageHtml(text)).toBeUndefined();
    }
  });
});
