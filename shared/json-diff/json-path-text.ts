import type { JsonPath } from './json-change.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** What the empty path (the whole value) reads as. */
export const ROOT_PATH_TEXT = '(root)';

/**
 * A path as a developer writes it in JavaScript: `a.b[2].c`, keys that are not identifiers quoted
 * (`meta["correlation-id"]`), so `["0"]` (a key) and `[0]` (an index) stay distinguishable.
 */
export function formatPath(path: JsonPath): string {
  return path.length === 0 ? ROOT_PATH_TEXT : formatPathFrom('', path);
}

/** The same, continuing from a root written out already (`data`, `state`): `data.items[2].sku`. */
export function formatPathFrom(root: string, path: JsonPath): string {
  let text = root;
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (IDENTIFIER.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}
