/**
 * Makes the check a state passes before it is kept as JSON (checkpoints, snapshots, the answer to the
 * app): it answers why the state is not plain JSON, naming the path ("state.orders[3] is a function"), or
 * undefined when it is. JSON.stringify would drop a function or a Map without a word, or throw on a cycle
 * or a BigInt without saying where.
 *
 * Like fold-runtime.ts it is ONE self-contained function: the sandbox evaluates its source inside the
 * projection's `vm` context (before user code runs, so the built-ins it holds are the context's own), and
 * built-in projections call it directly. It must reference nothing outside its own body.
 */
export function jsonStateCheck(): (state: unknown) => string | undefined {
  'use strict';
  const getPrototypeOf = Object.getPrototypeOf;
  const keys = Object.keys;
  const isArray = Array.isArray;
  const stringify = JSON.stringify;
  const identifier = /^[A-Za-z_$][\w$]*$/;
  const plain = [Object.prototype, Array.prototype, null];
  // Objects JSON keeps as {} (or not at all): their content would be lost at the next checkpoint.
  const lossy: [object, string][] = [
    [Map.prototype, 'a Map'],
    [Set.prototype, 'a Set'],
    [WeakMap.prototype, 'a WeakMap'],
    [WeakSet.prototype, 'a WeakSet'],
    [Promise.prototype, 'a Promise'],
    [RegExp.prototype, 'a RegExp'],
    [Error.prototype, 'an Error'],
    [ArrayBuffer.prototype, 'an ArrayBuffer'],
    [getPrototypeOf(Uint8Array.prototype) as object, 'a typed array'],
    [DataView.prototype, 'a DataView'],
  ];

  function kindOf(value: object): string | undefined {
    const proto = getPrototypeOf(value) as object | null;
    if (plain.includes(proto)) return undefined;
    for (let at = proto; at !== null; at = getPrototypeOf(at) as object | null) {
      for (const [prototype, name] of lossy) if (at === prototype) return name;
    }
    return undefined;
  }

  function step(path: string, key: string | number): string {
    if (typeof key === 'number') return `${path}[${key}]`;
    return identifier.test(key) ? `${path}.${key}` : `${path}[${stringify(key)}]`;
  }

  return (state) => {
    // Depth first without recursion, so a deeply nested state is checked rather than overflowing the stack.
    const onPath = new Set<object>();
    const work: { value: unknown; path: string; leave?: object }[] = [{ value: state, path: 'state' }];
    while (work.length > 0) {
      const { value, path, leave } = work.pop()!;
      if (leave !== undefined) {
        onPath.delete(leave);
        continue;
      }
      switch (typeof value) {
        case 'function':
          return `${path} is a function: a state holds data only (objects, arrays, strings, numbers, booleans, null)`;
        case 'symbol':
          return `${path} is a symbol, which JSON cannot hold`;
        case 'bigint':
          return `${path} is a BigInt (${String(value)}n), which JSON cannot hold: store it as a string`;
        case 'object':
          break;
        default:
          continue;
      }
      if (value === null) continue;
      if (onPath.has(value)) return `${path} refers back to an object that contains it (a cycle)`;
      const kind = kindOf(value);
      if (kind !== undefined)
        return `${path} is ${kind}, which JSON cannot keep: use plain objects and arrays`;
      // A value with toJSON (a Date) is kept as what toJSON answers, as JSON.stringify does.
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') continue;
      onPath.add(value);
      work.push({ value: undefined, path, leave: value });
      if (isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) work.push({ value: value[i], path: step(path, i) });
      } else {
        const record = value as Record<string, unknown>;
        const names = keys(record);
        for (let i = names.length - 1; i >= 0; i--) {
          const name = names[i]!;
          const item = record[name];
          // An undefined property is left out, as JSON.stringify leaves it out (documented).
          if (item !== undefined) work.push({ value: item, path: step(path, name) });
        }
      }
    }
    return undefined;
  };
}
