import { stringify } from 'csv-stringify/sync';
import type { ExportFormat } from '../../shared/report-stamp.js';
import { columnValue } from './event-columns.js';
import type { SelectedLine } from './event-selection.js';
import { csvCell, markdownCell } from './table-cells.js';

/** How events become one export format: what comes first, each batch, the end, and the stamp's line. */
export interface EventsWriter {
  /** The stamp is the first line (JSON lines), written over space reserved for it; else the last. */
  readonly stampFirst: boolean;
  readonly needsColumns: boolean;
  begin(): string;
  batch(lines: readonly SelectedLine[], first: boolean): string | Buffer;
  end(): string;
  stampLine(stampJson: string): string;
}

export interface EventsWriterOptions {
  /** JSON lines and JSON: the stored lines byte for byte, or `read --json`'s shape (no checksum). */
  readonly shape: 'stored' | 'event';
  readonly columns: readonly string[];
  /** CSV: start with a byte order mark, so that Excel reads the file as UTF-8. */
  readonly bom: boolean;
}

const NEWLINE = Buffer.from('\n');

export function eventsWriter(format: ExportFormat, options: EventsWriterOptions): EventsWriter {
  switch (format) {
    case 'jsonl':
      return jsonLines(options);
    case 'json':
      return jsonDocument(options);
    case 'csv':
      return csvTable(options);
    case 'md':
      return markdownTableWriter(options);
  }
}

function lineText(line: SelectedLine, shape: 'stored' | 'event'): string | Buffer {
  return shape === 'stored' ? line.bytes : JSON.stringify(line.event);
}

function jsonLines(options: EventsWriterOptions): EventsWriter {
  return {
    stampFirst: true,
    needsColumns: false,
    begin: () => '',
    batch(lines) {
      if (options.shape === 'event') return lines.map((line) => `${JSON.stringify(line.event)}\n`).join('');
      const parts: Buffer[] = [];
      for (const line of lines) parts.push(line.bytes, NEWLINE);
      return Buffer.concat(parts);
    },
    end: () => '',
    stampLine: (stamp) => `${stamp}\n`,
  };
}

function jsonDocument(options: EventsWriterOptions): EventsWriter {
  return {
    stampFirst: false,
    needsColumns: false,
    begin: () => '{"events":[\n',
    batch(lines, first) {
      const parts: (string | Buffer)[] = [];
      lines.forEach((line, i) => {
        if (!first || i > 0) parts.push(',\n');
        parts.push(lineText(line, options.shape));
      });
      return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
    },
    end: () => '\n],\n',
    stampLine: (stamp) => `"eventfold":${stamp}}\n`,
  };
}

function csvTable(options: EventsWriterOptions): EventsWriter {
  const { columns } = options;
  const csv = (rows: unknown[][]): string => stringify(rows, { escape_formulas: true, eof: true });
  return {
    stampFirst: false,
    needsColumns: true,
    begin: () => (options.bom ? '\ufeff' : '') + csv([[...columns]]),
    batch: (lines) =>
      csv(lines.map((line) => columns.map((column) => csvCell(columnValue(line.event, column))))),
    end: () => '',
    // csv-parse skips it with `comment: '#'`; spreadsheets show it as a last row.
    stampLine: (stamp) => `# eventfold ${stamp}\n`,
  };
}

function markdownTableWriter(options: EventsWriterOptions): EventsWriter {
  const { columns } = options;
  const row = (cells: readonly unknown[]): string => `| ${cells.map(markdownCell).join(' | ')} |\n`;
  return {
    stampFirst: false,
    needsColumns: true,
    begin: () => row(columns) + `|${columns.map(() => ' --- |').join('')}\n`,
    batch: (lines) =>
      lines.map((line) => row(columns.map((column) => columnValue(line.event, column)))).join(''),
    end: () => '\n',
    stampLine: (stamp) => `<!-- eventfold ${stamp} -->\n`,
  };
}
