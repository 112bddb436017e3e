import fs from 'node:fs';
import path from 'node:path';

export const FORMAT_DOC = path.resolve(import.meta.dirname, '../../docs/FORMAT.md');

export function readFormatDoc(): string {
  return fs.readFileSync(FORMAT_DOC, 'utf8');
}

export interface FencedBlock {
  /** The heading line the block sits under, e.g. `### Worked example`. */
  readonly heading: string;
  /** The info string after the opening fence, e.g. `sh`. */
  readonly language: string;
  readonly text: string;
}

/** Every fenced code block of a Markdown text, with the heading it sits under. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let heading = '';
  let open: { language: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (open !== undefined) {
      if (line.trimEnd() === '```') {
        blocks.push({ heading, language: open.language, text: open.lines.join('\n') });
        open = undefined;
      } else open.lines.push(line);
    } else if (line.startsWith('```')) open = { language: line.slice(3).trim(), lines: [] };
    else if (line.startsWith('#')) heading = line.trim();
  }
  return blocks;
}

/**
 * The first block in `language` under `heading` (the exact heading line): the doc's commands are found by
 * their headings, so that moving them around the page does not silently stop them being tested.
 */
export function blockUnder(markdown: string, heading: string, language: string): string {
  const block = fencedBlocks(markdown).find((b) => b.heading === heading && b.language === language);
  if (block === undefined) {
    throw new Error(`docs/FORMAT.md has no \`\`\`${language} block under the heading "${heading}"`);
  }
  return block.text;
}
