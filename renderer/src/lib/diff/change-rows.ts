import { formatPath, type JsonChange, type JsonPath } from '../../../../shared/json-diff/index.js';
import { wordDiff, type WordSegment } from './word-diff.js';

/** One line of the structural view: where, what happened, and the values as compact JSON. */
export interface ChangeRow {
  readonly op: JsonChange['op'];
  readonly path: JsonPath;
  /** `a.b[2].c`, for display and copying. */
  readonly pathText: string;
  readonly before: string | null;
  readonly after: string | null;
  /** For a string changed into another string: its word diff (the JSON texts would hide it in quotes). */
  readonly words: readonly WordSegment[] | null;
}

/** The structural diff as the view lists it, in the diff's order. */
export function changeRows(changes: readonly JsonChange[]): ChangeRow[] {
  return changes.map((change) => ({
    op: change.op,
    path: change.path,
    pathText: formatPath(change.path),
    before: change.op === 'add' ? null : JSON.stringify(change.before),
    after: change.op === 'remove' ? null : JSON.stringify(change.after),
    words:
      change.op === 'change' && typeof change.before === 'string' && typeof change.after === 'string'
        ? wordDiff(change.before, change.after)
        : null,
  }));
}
