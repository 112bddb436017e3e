import type { JsonValue } from '../../../../shared/event.js';

/** Two states as the text views show them. */
export interface PrettyStates {
  readonly before: string;
  readonly after: string;
}

/**
 * Both states pretty-printed with two-space indentation, the new state's object keys in the order the old
 * state has them (new keys last). Key order means nothing in a state, so without this a reordered object
 * would show as lines removed and added although the structural diff finds no change. An absent state
 * (a projection before its first event) prints as empty text.
 */
export function prettyStates(before: JsonValue | undefined, after: JsonValue | undefined): PrettyStates {
  return {
    before: before === undefined ? '' : JSON.stringify(before, null, 2),
    after:
      after === undefined
        ? ''
        : JSON.stringify(before === undefined ? after : inOrderOf(after, before), null, 2),
  };
}

function inOrderOf(value: JsonValue, model: JsonValue): JsonValue {
  if (typeof value !== 'object' || value === null || typeof model !== 'object' || model === null)
    return value;
  if (Array.isArray(value)) {
    if (!Array.isArray(model)) return value;
    const byId = new Map<unknown, JsonValue>();
    for (const item of model) if (idOf(item) !== undefined) byId.set(idOf(item), item);
    return value.map((item, i) => {
      const partner = byId.get(idOf(item)) ?? model[i];
      return partner === undefined ? item : inOrderOf(item, partner);
    });
  }
  if (Array.isArray(model)) return value;
  const entries: [string, JsonValue][] = [];
  for (const key of Object.keys(model)) {
    if (Object.hasOwn(value, key)) entries.push([key, inOrderOf(value[key]!, model[key]!)]);
  }
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(model, key)) entries.push([key, value[key]!]);
  }
  // fromEntries defines each key, so a "__proto__" key stays a key rather than setting the prototype.
  return Object.fromEntries(entries);
}

/** Elements of id-keyed arrays are matched by id (as the structural diff does), others by index. */
function idOf(value: JsonValue): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'id')) {
    return undefined;
  }
  return value.id;
}
