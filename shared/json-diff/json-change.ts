import type { JsonValue } from '../event.js';

/** Keys (objects) and indexes (arrays) from the root of a JSON value to one place in it. */
export type JsonPath = readonly (string | number)[];

/**
 * One difference between two JSON values, in the shape `eventfold diff --json` prints. `before` and `after`
 * are the values themselves (not copies): they share structure with the states that were compared.
 */
export type JsonChange =
  | { readonly path: JsonPath; readonly op: 'add'; readonly after: JsonValue }
  | { readonly path: JsonPath; readonly op: 'remove'; readonly before: JsonValue }
  | { readonly path: JsonPath; readonly op: 'change'; readonly before: JsonValue; readonly after: JsonValue };

export type JsonChangeOp = JsonChange['op'];
