import type { JsonValue } from '../../shared/event.js';
import { diffJson, formatPath } from '../../shared/json-diff/index.js';
import type { EventSelection } from '../../shared/report-stamp.js';
import type { EventStore } from '../store/index.js';
import type { SelectionProgress } from './event-selection.js';
import type { BuiltReport } from './folder-report.js';
import type { ReportBlock } from './report-document.js';
import { stateEvents } from './state-export.js';
import { isRecord, stateTable } from './state-table.js';

/** Rows of a section's table drawn at most; the rest is counted (a report is read, not scrolled). */
const MAX_ROWS = 500;
const MAX_CHANGES = 300;

export interface ProjectionReportInput {
  readonly name: string;
  readonly position: number;
  readonly state: unknown;
  /** The state at another position, to show what changed from there to `position`. */
  readonly compare?: { readonly position: number; readonly state: unknown };
}

/** The selection a projection report stands on: the log's lines 1..position. */
export function projectionSelection(position: number): EventSelection {
  return { source: { kind: 'all' }, filter: {}, from: 1, to: position, closed: true };
}

/** A projection's state at a position as sections of tables, and its diff from another position if asked. */
export async function projectionReport(
  store: EventStore,
  input: ProjectionReportInput,
  onProgress?: SelectionProgress,
): Promise<BuiltReport> {
  const digest = await stateEvents(store, input.position, onProgress);
  const blocks: ReportBlock[] = [];
  if (input.compare !== undefined) {
    const changes = diffJson(input.compare.state as JsonValue, input.state as JsonValue);
    blocks.push({
      kind: 'heading',
      text: `Changes from position ${input.compare.position} to ${input.position}`,
    });
    if (changes.length === 0)
      blocks.push({ kind: 'paragraph', text: 'The state is the same at both positions.' });
    else
      blocks.push(
        ...limited(
          {
            kind: 'table',
            columns: ['Path', 'Change', 'Before', 'After'],
            rows: changes.map((change) => [
              formatPath(change.path),
              change.op,
              change.op === 'add' ? '' : change.before,
              change.op === 'remove' ? '' : change.after,
            ]),
          },
          MAX_CHANGES,
          'changes',
        ),
      );
  }
  const { state } = input;
  const sections =
    isRecord(state) && Object.values(state).some((value) => typeof value === 'object' && value !== null)
      ? Object.entries(state)
      : [['State', state] as const];
  for (const [title, value] of sections) {
    blocks.push({ kind: 'heading', text: title });
    const table = stateTable(value);
    if (table.rows.length === 0) blocks.push({ kind: 'paragraph', text: '(empty)' });
    else {
      const numeric = table.columns.flatMap((_, i) =>
        table.rows.every((row) => typeof row[i] === 'number' || row[i] === undefined) ? [i] : [],
      );
      blocks.push(
        ...limited({ kind: 'table', columns: table.columns, rows: table.rows, numeric }, MAX_ROWS, 'rows'),
      );
    }
  }
  const lastLine = input.position === 0 ? undefined : (await store.readPositions([input.position]))[0];
  return {
    digest,
    document: {
      title: `Projection report: ${input.name}`,
      subtitle: `State after position ${input.position} · ${digest.count.toLocaleString('en-US')} events in the log up to there`,
      blocks,
      date: lastLine?.time ?? '1970-01-01T00:00:00.000Z',
    },
  };
}

function limited(table: Extract<ReportBlock, { kind: 'table' }>, max: number, noun: string): ReportBlock[] {
  if (table.rows.length <= max) return [table];
  return [
    { ...table, rows: table.rows.slice(0, max) },
    {
      kind: 'paragraph',
      text: `… and ${(table.rows.length - max).toLocaleString('en-US')} more ${noun} (export the state as CSV for all of them).`,
    },
  ];
}
