import type { ReportStamp } from '../../shared/report-stamp.js';
import { cellText, stampSummary } from './cell-text.js';
import type { ReportBlock, ReportDocument } from './report-document.js';
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
      return `## ${block.text}`;
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
  }
}
