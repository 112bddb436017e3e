import { stringify } from 'csv-stringify/sync';
import type { ExportFormat, ReportStamp } from '../../shared/report-stamp.js';
import { STAMP_VERSION } from '../../shared/report-stamp.js';
import type { EventStore } from '../store/index.js';
import { selectedLines, type SelectionProgress } from './event-selection.js';
import type { ExportOutput } from './export-output.js';
import { LineDigest } from './line-digest.js';
import { ReportError } from './report-error.js';
import { stampJson } from './stamp-text.js';
import { isRecord, stateTable } from './state-table.js';
import { csvCell, markdownTable } from './table-cells.js';

export interface StateExportOptions {
  readonly format: ExportFormat;
  readonly bom?: boolean;
}

/**
 * Writes a projection's state after the event at `position` and answers its stamp. The events it used
 * are the log's first `position` lines: whatever the projection selects, its state depends on no others.
 */
export async function exportState(
  store: EventStore,
  projection: { readonly name: string; readonly position: number; readonly state: unknown },
  options: StateExportOptions,
  output: ExportOutput,
  onProgress?: SelectionProgress,
): Promise<ReportStamp> {
  if (options.format === 'jsonl')
    throw new ReportError('BadOption', 'A projection state is one value: export it as json, csv or md');
  const digest = await stateEvents(store, projection.position, onProgress);
  const body = stateBody(projection, options);
  await output.write(body.text);
  const stamp: ReportStamp = {
    eventfold: 'eventfold-stamp',
    version: STAMP_VERSION,
    kind: 'projection-state',
    format: options.format,
    folder: store.manifest.id,
    selection: { source: { kind: 'all' }, filter: {}, from: 1, to: projection.position, closed: true },
    count: digest.count,
    first: digest.first,
    last: digest.last,
    eventsSha256: digest.digest(),
    contentSha256: output.contentSha256(),
    projection: { name: projection.name, position: projection.position },
    ...(body.columns === undefined ? {} : { columns: body.columns }),
  };
  await output.writeStamp(stampLineFor(options.format, stampJson(stamp)));
  return stamp;
}

/** The digest of the log's lines 1..position. */
export async function stateEvents(
  store: EventStore,
  position: number,
  onProgress?: SelectionProgress,
): Promise<LineDigest> {
  const digest = new LineDigest();
  const selection = { source: { kind: 'all' as const }, filter: {}, from: 1, to: position, closed: true };
  for await (const lines of selectedLines(
    store,
    selection,
    { query: undefined, test: undefined },
    onProgress,
  ))
    digest.add(lines);
  return digest;
}

function stateBody(
  projection: { readonly name: string; readonly position: number; readonly state: unknown },
  options: StateExportOptions,
): { text: string; columns?: readonly string[] } {
  const { state } = projection;
  switch (options.format) {
    case 'json':
      return {
        text: `{"projection":${JSON.stringify(projection.name)},"position":${projection.position},"state":${JSON.stringify(state, null, 2)},\n`,
      };
    case 'csv': {
      const table = stateTable(state);
      const rows = [table.columns, ...table.rows.map((row) => row.map(csvCell))];
      const text = stringify(rows, { escape_formulas: true, eof: true });
      return { text: (options.bom ? '\ufeff' : '') + text, columns: table.columns };
    }
    case 'md':
      return { text: stateMarkdown(projection) };
    case 'jsonl':
      throw new ReportError('BadOption', 'A projection state is one value: export it as json, csv or md');
  }
}

function stateMarkdown(projection: {
  readonly name: string;
  readonly position: number;
  readonly state: unknown;
}): string {
  const parts = [`# Projection ${projection.name} at position ${projection.position}`, ''];
  const { state } = projection;
  const sections =
    isRecord(state) && Object.values(state).some((value) => typeof value === 'object' && value !== null)
      ? Object.entries(state)
      : [['State', state] as const];
  for (const [title, value] of sections) {
    const table = stateTable(value);
    parts.push(
      `## ${title}`,
      '',
      table.rows.length === 0 ? '_(empty)_' : markdownTable(table.columns, table.rows),
      '',
    );
  }
  return `${parts.join('\n')}\n`;
}

export function stampLineFor(format: ExportFormat, stamp: string): string {
  switch (format) {
    case 'jsonl':
      return `${stamp}\n`;
    case 'json':
      return `"eventfold":${stamp}}\n`;
    case 'csv':
      return `# eventfold ${stamp}\n`;
    case 'md':
      return `<!-- eventfold ${stamp} -->\n`;
  }
}
