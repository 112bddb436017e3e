import type { ProjectionPathChange } from '../../../../shared/contract.js';
import { wordDiff, type WordSegment } from '../diff/word-diff.js';

/** One event in the history of a path, as the history list shows it. */
export interface HistoryRow {
  readonly position: number;
  /** added: the path did not exist before the event; removed: it does not after it. */
  readonly op: 'added' | 'removed' | 'changed';
  /** Compact JSON, null where the path did not exist. */
  readonly before: string | null;
  readonly after: string | null;
  /** For a string changed into another string: its word diff, as the diff views show it. */
  readonly words: readonly WordSegment[] | null;
}

/** Values longer than this are cut in the list (the full value is one click away, in the event's diff). */
const MAX_VALUE_TEXT = 160;

export function historyRows(changes: readonly ProjectionPathChange[]): HistoryRow[] {
  return changes.map((change) => {
    const before = 'before' in change && change.before !== undefined ? shortJson(change.before) : null;
    const after = 'after' in change && change.after !== undefined ? shortJson(change.after) : null;
    return {
      position: change.position,
      op: before === null ? 'added' : after === null ? 'removed' : 'changed',
      before,
      after,
      words:
        typeof change.before === 'string' && typeof change.after === 'string'
          ? wordDiff(change.before, change.after)
          : null,
    };
  });
}

export function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}
