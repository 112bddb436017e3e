import type { JsonValue } from '../event.js';

type Id = string | number;

/**
 * How the elements of two arrays of identified objects correspond. An element is kept when the same id is
 * in both arrays and its order among the other kept elements did not change (the longest run of ids whose
 * relative order holds); it is then diffed in place. Any other element is removed or added whole, so a
 * moved element reads as a removal where it was and an addition where it is now.
 */
export interface IdMatching {
  /** For each element of `after`: the index in `before` of the element it keeps, or -1 (added or moved). */
  readonly keptFrom: Int32Array;
  /** For each element of `before`: 1 when an element of `after` keeps it, 0 when it goes (removed or moved). */
  readonly kept: Uint8Array;
}

/**
 * The matching by id, or null when the arrays are compared by index: when an element of either array is
 * not an object with a string or number `id`, when an id occurs twice in one array (ids that repeat do not
 * identify anything), or when both arrays hold the same ids in the same order (then index and id agree,
 * and the index walk is cheaper).
 */
export function matchById(before: readonly JsonValue[], after: readonly JsonValue[]): IdMatching | null {
  if (!differsInIds(before, after)) return null;
  const beforeAt = new Map<Id, number>();
  for (let i = 0; i < before.length; i++) {
    const id = idOf(before[i])!;
    if (beforeAt.has(id)) return null;
    beforeAt.set(id, i);
  }
  const afterIds = new Set<Id>();
  const source = new Int32Array(after.length);
  for (let j = 0; j < after.length; j++) {
    const id = idOf(after[j])!;
    if (afterIds.has(id)) return null;
    afterIds.add(id);
    source[j] = beforeAt.get(id) ?? -1;
  }
  return keepLongestOrderedRun(source, before.length);
}

/** False when either array is not all identified objects, or both carry the same ids in the same order. */
function differsInIds(before: readonly JsonValue[], after: readonly JsonValue[]): boolean {
  let differs = before.length !== after.length;
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) {
    const id = idOf(before[i]);
    if (id === undefined) return false;
    const other = idOf(after[i]);
    if (other === undefined) return false;
    if (id !== other) differs = true;
  }
  if (!differs) return false;
  for (let i = common; i < before.length; i++) if (idOf(before[i]) === undefined) return false;
  for (let j = common; j < after.length; j++) if (idOf(after[j]) === undefined) return false;
  return true;
}

function idOf(value: JsonValue | undefined): Id | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (!Object.hasOwn(value, 'id')) return undefined;
  const id = value.id;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

/**
 * Longest strictly increasing subsequence of the `before` indexes (patience sorting, O(n log n)): those
 * elements keep their place; the others moved.
 */
function keepLongestOrderedRun(source: Int32Array, beforeLength: number): IdMatching {
  const tails: number[] = [];
  const previous = new Int32Array(source.length).fill(-1);
  for (let j = 0; j < source.length; j++) {
    const from = source[j]!;
    if (from < 0) continue;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (source[tails[middle]!]! < from) low = middle + 1;
      else high = middle;
    }
    previous[j] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = j;
  }
  const keptFrom = new Int32Array(source.length).fill(-1);
  const kept = new Uint8Array(beforeLength);
  for (let j = tails.length > 0 ? tails[tails.length - 1]! : -1; j >= 0; j = previous[j]!) {
    keptFrom[j] = source[j]!;
    kept[source[j]!] = 1;
  }
  return { keptFrom, kept };
}
