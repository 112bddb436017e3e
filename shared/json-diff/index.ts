/** Structural JSON diff: what changed between two states, as paths added, removed and changed. */
export { applyDiff, DiffApplyError } from './apply-diff.js';
export { diffJson } from './diff-json.js';
export { describeDiffSummary, summariseDiff, type DiffSummary } from './diff-summary.js';
export type { JsonChange, JsonChangeOp, JsonPath } from './json-change.js';
export { jsonEqual } from './json-equal.js';
export { formatPath, formatPathFrom, ROOT_PATH_TEXT } from './json-path-text.js';
