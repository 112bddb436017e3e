import type { JsonValue } from '../event.js';
import { matchById } from './id-matching.js';
import type { JsonChange } from './json-change.js';

type JsonObject = Readonly<Record<string, JsonValue>>;
type PathStack = (string | number)[];

/**
 * The structural difference between two JSON values, as the list of changes that turns `before` into
 * `after` when applied in order (`applyDiff`). Equal values give `[]`.
 *
 * - Object keys are compared as sets: key order does not matter.
 * - Arrays whose elements are all objects with a string or number `id` (in both arrays, no id twice) are
 *   matched by id: a kept element is diffed in place, a moved one is removed where it was and added where
 *   it is (see id-matching.ts). Other arrays are compared index by index, the longer tail added or removed.
 * - A value whose type changes (object to array, number to string) is one `change` of the whole value.
 *
 * Within one array, removals come first (highest index first), then the walk of the new array in order.
 * So every index on a path is the element's index in `after`, except the last index of a removal, which
 * is its index in `before`: each path names a real place in the value as it is when that change applies.
 *
 * Big states cost a walk of both, but no allocation where nothing changed: identical references are
 * skipped, primitives compared in place, and a path is copied only into a change that is reported.
 */
export function diffJson(before: JsonValue, after: JsonValue): JsonChange[] {
  const changes: JsonChange[] = [];
  compareValues(before, after, [], changes);
  return changes;
}

function compareValues(before: JsonValue, after: JsonValue, path: PathStack, out: JsonChange[]): void {
  if (before === after) return;
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) {
    out.push({ path: path.slice(), op: 'change', before, after });
    return;
  }
  const beforeIsArray = Array.isArray(before);
  if (beforeIsArray !== Array.isArray(after)) {
    out.push({ path: path.slice(), op: 'change', before, after });
  } else if (beforeIsArray) {
    compareArrays(before, after as readonly JsonValue[], path, out);
  } else {
    compareObjects(before, after as JsonObject, path, out);
  }
}

function compareObjects(before: JsonObject, after: JsonObject, path: PathStack, out: JsonChange[]): void {
  let shared = 0;
  for (const key in before) {
    if (Object.hasOwn(after, key)) {
      shared++;
      const was = before[key]!;
      const now = after[key]!;
      if (was !== now) {
        path.push(key);
        compareValues(was, now, path, out);
        path.pop();
      }
    } else {
      out.push({ path: [...path, key], op: 'remove', before: before[key]! });
    }
  }
  // Counting the keys of `after` is cheaper than a second lookup of each in `before`; only when the counts
  // differ is there a new key to find.
  let afterKeys = 0;
  for (const _key in after) afterKeys++;
  if (afterKeys === shared) return;
  for (const key in after) {
    if (!Object.hasOwn(before, key)) out.push({ path: [...path, key], op: 'add', after: after[key]! });
  }
}

function compareArrays(
  before: readonly JsonValue[],
  after: readonly JsonValue[],
  path: PathStack,
  out: JsonChange[],
): void {
  const matching = matchById(before, after);
  if (matching === null) {
    compareByIndex(before, after, path, out);
    return;
  }
  const { keptFrom, kept } = matching;
  for (let i = before.length - 1; i >= 0; i--) {
    if (kept[i] === 0) out.push({ path: [...path, i], op: 'remove', before: before[i]! });
  }
  for (let j = 0; j < after.length; j++) {
    const from = keptFrom[j]!;
    if (from < 0) {
      out.push({ path: [...path, j], op: 'add', after: after[j]! });
    } else if (before[from] !== after[j]) {
      path.push(j);
      compareValues(before[from]!, after[j]!, path, out);
      path.pop();
    }
  }
}

function compareByIndex(
  before: readonly JsonValue[],
  after: readonly JsonValue[],
  path: PathStack,
  out: JsonChange[],
): void {
  const common = Math.min(before.length, after.length);
  for (let i = before.length - 1; i >= common; i--) {
    out.push({ path: [...path, i], op: 'remove', before: before[i]! });
  }
  for (let i = 0; i < common; i++) {
    const was = before[i]!;
    const now = after[i]!;
    if (was !== now) {
      path.push(i);
      compareValues(was, now, path, out);
      path.pop();
    }
  }
  for (let i = common; i < after.length; i++) out.push({ path: [...path, i], op: 'add', after: after[i]! });
}
