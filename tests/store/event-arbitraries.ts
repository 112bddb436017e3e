import fc from 'fast-check';
import type { JsonValue } from '../../shared/event.js';

/** Stream ids as people and programs write them: plain names, Unicode, quotes, escapes, separators. */
export const streamId: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[a-z]{1,8}-[0-9]{1,4}$/),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
  fc.constantFrom(
    'order-1',
    'user-2',
    'Ä-ünï-😀',
    'say "hi"-1',
    'back\\slash',
    'tab\there',
    'line\u2028sep',
    '日本-語',
  ),
);

/** Event types: short names, sometimes Unicode (at most 24 code points, well under the 256-byte limit). */
export const eventType: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('OrderPlaced', 'Paid', 'Shipped', 'NoteAdded'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
);

/** Any JSON value, with ASCII or full-Unicode strings, kept small so that folders stay small. */
export const jsonData: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
) as fc.Arbitrary<JsonValue>;

/** What a value is once stored as JSON and read back (e.g. -0 becomes 0). */
export function asStored(value: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
