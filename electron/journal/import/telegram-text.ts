import { isRecord } from './parsed-export.js';

/**
 * A Telegram message's text as Markdown. Telegram Desktop's JSON export writes the text as a string, or
 * as an array of plain strings and entity objects (`{"type": "bold", "text": "…"}`, `text_link` with an
 * `href`, `pre` with a `language`); `text_entities` holds the same as objects only. Formatting becomes
 * Markdown; characters that would read as Markdown in plain parts are escaped, so the message looks as it
 * did in Telegram. Hashtags, links, mentions and the like stay as written.
 */
export function telegramMarkdown(text: unknown): string | undefined {
  if (typeof text === 'string') return escapeMarkdown(text);
  if (!Array.isArray(text)) return undefined;
  let markdown = '';
  for (const part of text as readonly unknown[]) {
    if (typeof part === 'string') markdown += escapeMarkdown(part);
    else if (isRecord(part) && typeof part.text === 'string') markdown += entityMarkdown(part);
    else return undefined;
  }
  return markdown;
}

// Marks that change how plain text renders: emphasis, code, strike-through, link brackets, escapes.
const MARKDOWN_MARKS = /[\\*_`~[\]]/g;

function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_MARKS, '\\$&');
}

function entityMarkdown(entity: Readonly<Record<string, unknown>>): string {
  const text = entity.text as string;
  switch (entity.type) {
    case 'plain':
      return escapeMarkdown(text);
    case 'bold':
      return wrap(escapeMarkdown(text), '**');
    case 'italic':
      return wrap(escapeMarkdown(text), '*');
    case 'strikethrough':
      return wrap(escapeMarkdown(text), '~~');
    case 'code':
      return inlineCode(text);
    case 'pre': {
      const language = typeof entity.language === 'string' ? entity.language : '';
      const fence = text.includes('```') ? '~~~' : '```';
      return `\n${fence}${language}\n${text}\n${fence}\n`;
    }
    case 'text_link':
      return typeof entity.href === 'string'
        ? `[${escapeMarkdown(text)}](<${entity.href.replace(/[<>]/g, encodeURIComponent)}>)`
        : escapeMarkdown(text);
    case 'blockquote':
      return `\n${text
        .split('\n')
        .map((line) => `> ${escapeMarkdown(line)}`)
        .join('\n')}\n`;
    // Links, e-mail addresses, hashtags, mentions, commands, phone numbers and custom emoji: as written.
    default:
      return text;
  }
}

/** `**bold**` around the words, with the spaces outside the marks (`** bold**` is not bold). */
function wrap(text: string, mark: string): string {
  const [, before = '', inner = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
  return inner.length === 0 ? text : `${before}${mark}${inner}${mark}${after}`;
}

function inlineCode(text: string): string {
  const ticks = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}
