import { isPlainObject, setKey } from './json-keys.js';

/**
 * Applies `patch` to `target` as a JSON Merge Patch (RFC 7386): objects merge key by key, recursively; a
 * null value removes the key; anything else (arrays, strings, numbers, a non-object patch) replaces what
 * was there. Mutates and returns the target when it is an object.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result = isPlainObject(target) ? target : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete result[key];
    else setKey(result, key, mergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}
