/** One step into a JSON value: an object key or an array index. */
export type JsonPathStep = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A path the way a developer would write it in JavaScript or jq: `data.items[2].sku`, with keys that are not
 * identifiers quoted (`meta["correlation-id"]`), so a copied path can be pasted into code as it is.
 */
export function formatJsonPath(root: string, steps: readonly JsonPathStep[]): string {
  let path = root;
  for (const step of steps) {
    if (typeof step === 'number') path += `[${step}]`;
    else if (IDENTIFIER.test(step)) path += path === '' ? step : `.${step}`;
    else path += `[${JSON.stringify(step)}]`;
  }
  return path;
}
