import fc from 'fast-check';
import type { JsonValue } from '../../shared/event.js';

/** Few keys and small leaves, so two independent states share keys and often values. */
const key = fc.constantFrom('a', 'b', 'c', 'name', 'id', '0', 'with space', '__proto__');
const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(null, true, false, 0, 1, 'x', 'y', ''),
  fc.integer({ min: -3, max: 3 }),
  fc.string({ maxLength: 6 }),
);

/** A record type (not an interface): fc.letrec types its `tie` only for those. */
type StateShapes = Record<'value' | 'object' | 'array' | 'idArray', JsonValue>;

/**
 * JSON states built for diffing: nested objects, plain arrays and arrays of objects with ids (string and
 * number ids, sometimes repeated, in any order), so matching by id meets additions, removals, moves and
 * duplicate ids. With `idsInOrder`, ids are unique numbers in ascending order: two such arrays never
 * disagree about the order of the ids they share (no moves).
 */
export function jsonStates(options: { idsInOrder?: boolean; arrays?: boolean } = {}) {
  const { idsInOrder = false, arrays = true } = options;
  return fc.letrec<StateShapes>((tie) => ({
    value: arrays
      ? fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, tie('object'), tie('array'), tie('idArray'))
      : fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, tie('object')),
    object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    array: fc.array(tie('value'), { maxLength: 4 }),
    idArray: idsInOrder
      ? fc
          .array(identified(fc.integer({ min: 0, max: 6 }), tie('value')), { maxLength: 5 })
          .map((items) => inIdOrder(items))
      : fc.array(identified(fc.constantFrom<JsonValue>(1, 2, 3, '1', 'a', 'b'), tie('value')), {
          maxLength: 5,
        }),
  }));
}

function identified(id: fc.Arbitrary<JsonValue>, value: fc.Arbitrary<JsonValue>): fc.Arbitrary<JsonValue> {
  return fc.record({ id, name: fc.constantFrom('p', 'q'), value }, { requiredKeys: ['id', 'name'] });
}

function inIdOrder(items: JsonValue[]): JsonValue[] {
  const byId = new Map<number, JsonValue>();
  for (const item of items) {
    const id = (item as { id: number }).id;
    if (!byId.has(id)) byId.set(id, item);
  }
  return [...byId.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}

/** The same JSON whatever the key order (and -0 as 0, as JSON writes it). */
export function canonicalJson(value: JsonValue): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}
