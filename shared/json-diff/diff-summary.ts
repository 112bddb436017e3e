import type { JsonChange } from './json-change.js';

/** How many places a diff adds, removes and changes (a removed subtree counts once, at its root). */
export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

export function summariseDiff(changes: readonly JsonChange[]): DiffSummary {
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const change of changes) {
    if (change.op === 'add') added++;
    else if (change.op === 'remove') removed++;
    else changed++;
  }
  return { added, removed, changed };
}

/** `2 added, 1 changed`, or `no differences`: for a status line or the CLI. */
export function describeDiffSummary(summary: DiffSummary): string {
  const parts = [
    summary.added > 0 ? `${summary.added} added` : '',
    summary.removed > 0 ? `${summary.removed} removed` : '',
    summary.changed > 0 ? `${summary.changed} changed` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'no differences' : parts.join(', ');
}
