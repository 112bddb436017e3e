import type { ReportStamp } from '../../shared/report-stamp.js';
import { cellText, stampSummary } from './cell-text.js';
import { pictureLabel, type ReportBlock, type ReportDocument } from './report-document.js';
import { markdownTable } from './table-cells.js';

/** A Markdown report: charts become tables of their numbers; the stamp's line is appended by the caller. */
export function markdownReport(document: ReportDocument, stamp: Omit<ReportStamp, 'contentSha256'>): string {
  const parts = [`# ${document.title}`, '', `_${document.subtitle}_`, ''];
  for (const block of document.blocks) parts.push(markdownBlock(block), '');
  parts.push('---', '', `<sub>${stampSummary(stamp)}</sub>`, '');
  return `${parts.join('\n')}\n`;
}

function markdownBlock(block: ReportBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${block.level === 3 ? '###' : '##'} ${block.text}`;
    case 'paragraph':
      return block.text;
    case 'facts':
      return markdownTable(['', ''], block.rows);
    case 'table':
      return markdownTable(
        block.columns,
        block.rows.map((row) => row.map(cellText)),
      );
    case 'chart': {
      const { buckets, series } = block.data;
      const rows = buckets.map((bucket, i) => [bucket, ...series.map((item) => item.counts[i] ?? 0)]);
      if (block.chart === 'growth') {
        let total = 0;
        const growth = buckets.map((bucket, i) => {
          for (const item of series) total += item.counts[i] ?? 0;
          return [bucket, total];
        });
        return `**${block.title}**\n\n${markdownTable(['Period', 'Events in the log'], growth)}`;
      }
      return `**${block.title}**\n\n${markdownTable(['Period', ...series.map((item) => item.name)], rows)}`;
    }
    case 'entry': {
      const tags = block.tags.length === 0 ? '' : ` · ${block.tags.map((tag) => `#${tag}`).join(' ')}`;
      const pictures = block.pictures.map((picture) => `_Picture: ${markdownText(pictureLabel(picture))}_`);
      return [
        `**${markdownText(block.time)}** · ${markdownText(block.channel)}${markdownText(tags)}`,
        ...block.paragraphs.map(markdownText),
        ...pictures,
      ].join('\n\n');
    }
  }
}

/**
 * An entry's text as Markdown that shows it as it was typed: characters that Markdown or HTML would read as
 * marks are escaped (and line starts that would make headings, lists or quotes), so no raw HTML, and no
 * link or image to anywhere, comes through from an entry.
 */
export function markdownText(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>&|~!]/g, (char) => `\\${char}`)
        .replace(/^(\s*)([#+=-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('  \n');
}
