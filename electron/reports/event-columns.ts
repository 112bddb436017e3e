import type { RecordedEvent } from '../../shared/event.js';
import { ReportError } from './report-error.js';

/** The envelope's fields, as the log view shows them first. */
export const EVENT_FIELDS = ['position', 'time', 'stream', 'revision', 'type', 'id'] as const;
/** Events looked at to choose columns when none are given. */
export const COLUMN_SAMPLE = 1000;
const MAX_DATA_COLUMNS = 60;
const MAX_DEPTH = 3;

/**
 * Columns for a table of events when none were chosen: the envelope's fields, then the leaf paths of the
 * data of the first events (`data.total`, `data.customer.id`), in the order they first appear.
 */
export function discoverColumns(events: readonly RecordedEvent[]): string[] {
  const seen = new Set<string>();
  for (const event of events) {
    collectPaths(event.data, 'data', 1, seen);
    if (seen.size >= MAX_DATA_COLUMNS) break;
  }
  return [...EVENT_FIELDS, ...[...seen].slice(0, MAX_DATA_COLUMNS)];
}

function collectPaths(value: unknown, path: string, depth: number, seen: Set<string>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && depth <= MAX_DEPTH) {
    const keys = Object.keys(value);
    if (keys.length === 0) return;
    for (const key of keys)
      collectPaths((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, seen);
    return;
  }
  seen.add(path);
}

/** `--columns a,b.c`: each must be an envelope field or a path into data or meta. */
export function parseColumns(text: string): string[] {
  const columns = text
    .split(',')
    .map((column) => column.trim())
    .filter((column) => column !== '');
  if (columns.length === 0) throw new ReportError('BadOption', '--columns names no column');
  for (const column of columns) {
    const root = column.split('.')[0]!;
    const known = (EVENT_FIELDS as readonly string[]).includes(column) || root === 'data' || root === 'meta';
    if (!known) {
      throw new ReportError(
        'BadOption',
        `--columns: unknown column "${column}"; use ${EVENT_FIELDS.join(', ')}, data, meta or a path such as data.total`,
      );
    }
  }
  return columns;
}

/** The value of a column for an event; undefined when the event has no such path. */
export function columnValue(event: RecordedEvent, column: string): unknown {
  const parts = column.split('.');
  let value: unknown = (event as unknown as Record<string, unknown>)[parts[0]!];
  for (let i = 1; i < parts.length; i++) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[parts[i]!];
  }
  return value;
}
