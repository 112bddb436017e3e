/** One step into a JSON value: an object key or an array index. */
export type JsonPathStep = string | number;

/**
 * A path the way a developer would write it in JavaScript or jq: `data.items[2].sku`, with keys that are not
 * identifiers quoted (`meta["correlation-id"]`), so a copied path can be pasted into code as it is. The same
 * text the diff views and `eventfold diff` print.
 */
export { formatPathFrom as formatJsonPath } from '../../../shared/json-diff/json-path-text.js';
