import type { ExportRequest, LogFilter, LogSource } from '../../../../shared/contract.js';
import type { ExportFormat } from '../../../../shared/report-stamp.js';

/** What the Export… dialog exports: a log view's events, or a projection's state at a position. */
export type ExportSubject =
  | {
      readonly kind: 'events';
      readonly source: LogSource;
      readonly filter: LogFilter;
      readonly pinned: readonly string[];
    }
  | { readonly kind: 'projection'; readonly name: string; readonly position: number };

export const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  jsonl: 'JSON lines',
  json: 'JSON',
  csv: 'CSV',
  md: 'Markdown',
};

/** The formats a subject can be exported in: a state is one value, so not JSON lines. */
export function formatsFor(subject: ExportSubject): ExportFormat[] {
  return subject.kind === 'events' ? ['jsonl', 'json', 'csv', 'md'] : ['json', 'csv', 'md'];
}

/** Envelope columns every table of events starts with, as the CLI's defaults. */
const ENVELOPE = ['position', 'time', 'stream', 'revision', 'type', 'id'];

/**
 * The request for a subject: the log view's pinned columns carry over into CSV and Markdown after the
 * envelope's (with none pinned, the Node side picks the data's fields).
 */
export function exportRequest(subject: ExportSubject, format: ExportFormat, bom: boolean): ExportRequest {
  if (subject.kind === 'projection') {
    if (format === 'jsonl') throw new Error('a projection state is one value: not JSON lines');
    return {
      kind: 'projection',
      name: subject.name,
      position: subject.position,
      format,
      ...(format === 'csv' ? { bom } : {}),
    };
  }
  const table = format === 'csv' || format === 'md';
  return {
    kind: 'events',
    source: subject.source,
    filter: subject.filter,
    format,
    ...(table && subject.pinned.length > 0 ? { columns: [...ENVELOPE, ...subject.pinned] } : {}),
    ...(format === 'csv' ? { bom } : {}),
  };
}

/** One line that says what will be exported. */
export function describeSubject(subject: ExportSubject): string {
  if (subject.kind === 'projection')
    return `The state of ${subject.name} after position ${subject.position.toLocaleString('en-US')}`;
  const { source, filter } = subject;
  const from =
    source.kind === 'all'
      ? 'All events'
      : source.kind === 'stream'
        ? `Stream ${source.stream}`
        : `Category ${source.category}`;
  const parts: string[] = [];
  if (filter.types !== undefined && filter.types.length > 0) parts.push(`types ${filter.types.join(', ')}`);
  if (filter.stream) parts.push(`streams matching ${filter.stream}`);
  if (filter.text) parts.push(`containing “${filter.text}”`);
  if (filter.from !== undefined || filter.to !== undefined)
    parts.push(`${filter.from ?? 'start'} to ${filter.to ?? 'now'}`);
  return parts.length === 0
    ? `${from}: every event, not only those loaded`
    : `${from}, ${parts.join(', ')}: every match`;
}
