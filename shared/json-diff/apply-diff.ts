import type { JsonValue } from '../event.js';
import type { JsonChange, JsonPath } from './json-change.js';
import { jsonEqual } from './json-equal.js';
import { formatPath } from './json-path-text.js';

type JsonObject = Record<string, JsonValue>;
type Container = JsonValue[] | JsonObject;

/** A change that does not fit the value it is applied to: which one, where, and why. */
export class DiffApplyError extends Error {
  override readonly name = 'DiffApplyError';
  constructor(
    /** 0-based index of the change in the list. */
    readonly index: number,
    readonly change: JsonChange,
    readonly reason: string,
  ) {
    super(`Change ${index + 1} (${change.op} at ${formatPath(change.path)}) does not fit: ${reason}`);
  }
}

/**
 * Applies changes in order (as `diffJson` lists them) and returns the new value: applyDiff(a, diffJson(a, b))
 * deep-equals b. Neither argument is modified: containers on a changed path are copied once, everything
 * else is shared with `before`, and added values are the changes' own.
 *
 * On an array, `add` inserts at the index (0 to the length), `remove` takes the element out and `change`
 * replaces it; on an object, `add` needs the key to be absent, `remove` and `change` need it present. A
 * removal or change also needs the value there to be its `before`: a diff applied to a state other than the
 * one it was made from fails, naming the first change that does not fit, rather than giving a wrong state.
 */
export function applyDiff(before: JsonValue, changes: readonly JsonChange[]): JsonValue {
  const copies = new Set<Container>();
  let root = before;
  changes.forEach((change, index) => {
    root = applyChange(root, change, copies, (reason) => new DiffApplyError(index, change, reason));
  });
  return root;
}

function applyChange(
  root: JsonValue,
  change: JsonChange,
  copies: Set<Container>,
  fail: (reason: string) => DiffApplyError,
): JsonValue {
  const { path } = change;
  if (path.length === 0) {
    if (change.op !== 'change') throw fail(`the whole value can be changed, not ${change.op}ed`);
    expectBefore(root, change, fail);
    return change.after;
  }
  const top = ownCopy(containerAt(root, [], fail), copies);
  let parent: Container = top;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const key = path[depth]!;
    const child = ownCopy(containerAt(readKey(parent, key), path.slice(0, depth + 1), fail), copies);
    writeKey(parent, key, child);
    parent = child;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) changeArray(parent, last, change, fail);
  else changeObject(parent, last, change, fail);
  return top;
}

function changeArray(
  array: JsonValue[],
  index: string | number,
  change: JsonChange,
  fail: (reason: string) => DiffApplyError,
): void {
  const limit = change.op === 'add' ? array.length : array.length - 1;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > limit) {
    throw fail(
      `${formatPath(change.path.slice(0, -1))} is an array of ${array.length} elements; ` +
        `${JSON.stringify(index)} is not an index to ${change.op} at`,
    );
  }
  if (change.op === 'add') {
    array.splice(index, 0, change.after);
    return;
  }
  expectBefore(array[index]!, change, fail);
  if (change.op === 'remove') array.splice(index, 1);
  else array[index] = change.after;
}

function changeObject(
  object: JsonObject,
  key: string | number,
  change: JsonChange,
  fail: (reason: string) => DiffApplyError,
): void {
  const where = formatPath(change.path.slice(0, -1));
  if (typeof key !== 'string') throw fail(`${where} is an object; its keys are names, not the index ${key}`);
  const present = Object.hasOwn(object, key);
  if (change.op === 'add' && present) throw fail(`${where} already has the key ${JSON.stringify(key)}`);
  if (change.op !== 'add' && !present) throw fail(`${where} has no key ${JSON.stringify(key)}`);
  if (change.op !== 'add') expectBefore(object[key]!, change, fail);
  if (change.op === 'remove') delete object[key];
  else writeKey(object, key, change.after);
}

function expectBefore(value: JsonValue, change: JsonChange, fail: (reason: string) => DiffApplyError): void {
  if (change.op === 'add' || jsonEqual(value, change.before)) return;
  throw fail(
    `${formatPath(change.path)} is ${preview(value)}, not ${preview(change.before)} as the change expects`,
  );
}

/** A value short enough for a message. */
function preview(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function containerAt(value: JsonValue | undefined, path: JsonPath, fail: (reason: string) => DiffApplyError) {
  if (typeof value === 'object' && value !== null) return value;
  const what = value === undefined ? 'missing' : `${preview(value)}, not an object or array`;
  throw fail(`${formatPath(path)} is ${what}`);
}

/** The container itself once this apply has copied it, else a copy (recorded, so it is copied only once). */
function ownCopy(container: Container, copies: Set<Container>): Container {
  if (copies.has(container)) return container;
  // Spread defines keys (a "__proto__" key stays a key); assignment would set the prototype instead.
  const copy = Array.isArray(container) ? container.slice() : { ...container };
  copies.add(copy);
  return copy;
}

function readKey(container: Container, key: string | number): JsonValue | undefined {
  if (Array.isArray(container)) return typeof key === 'number' ? container[key] : undefined;
  return typeof key === 'string' && Object.hasOwn(container, key) ? container[key] : undefined;
}

function writeKey(container: Container, key: string | number, value: JsonValue): void {
  if (Array.isArray(container)) container[key as number] = value;
  else if (key === '__proto__') {
    Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
  } else container[key] = value;
}
