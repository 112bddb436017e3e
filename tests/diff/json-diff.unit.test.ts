import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/event.js';
import {
  applyDiff,
  describeDiffSummary,
  DiffApplyError,
  diffJson,
  formatPath,
  jsonEqual,
  summariseDiff,
  type JsonChange,
} from '../../shared/json-diff/index.js';

const parse = (text: string): JsonValue => JSON.parse(text) as JsonValue;

describe('diffJson on objects and plain arrays', () => {
  it('reports added, removed and changed keys, and ignores key order', () => {
    const before = { name: 'Ada', age: 36, city: 'London' };
    const after = { city: 'Paris', name: 'Ada', email: 'ada@example.org' };
    expect(diffJson(before, after)).toEqual([
      { path: ['age'], op: 'remove', before: 36 },
      { path: ['city'], op: 'change', before: 'London', after: 'Paris' },
      { path: ['email'], op: 'add', after: 'ada@example.org' },
    ]);
    expect(diffJson({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });

  it('goes down to the changed leaf, and replaces a value whose type changed whole', () => {
    const before = { order: { lines: [{ sku: 'K1', qty: 1 }], note: { text: 'x' } } };
    const after = { order: { lines: [{ sku: 'K1', qty: 2 }], note: ['x'] } };
    expect(diffJson(before, after)).toEqual([
      { path: ['order', 'lines', 0, 'qty'], op: 'change', before: 1, after: 2 },
      { path: ['order', 'note'], op: 'change', before: { text: 'x' }, after: ['x'] },
    ]);
    expect(diffJson(1, 'one')).toEqual([{ path: [], op: 'change', before: 1, after: 'one' }]);
    expect(diffJson(null, {})).toEqual([{ path: [], op: 'change', before: null, after: {} }]);
  });

  it('compares plain arrays index by index: the longer tail is added or removed, highest index first', () => {
    expect(diffJson([1, 2, 3, 4], [1, 5])).toEqual([
      { path: [3], op: 'remove', before: 4 },
      { path: [2], op: 'remove', before: 3 },
      { path: [1], op: 'change', before: 2, after: 5 },
    ]);
    expect(diffJson({ tags: ['a'] }, { tags: ['a', 'b', 'c'] })).toEqual([
      { path: ['tags', 1], op: 'add', after: 'b' },
      { path: ['tags', 2], op: 'add', after: 'c' },
    ]);
  });

  it('skips subtrees that are the same object without looking inside', () => {
    const shared = { big: [1, 2, 3] };
    const before = { shared, n: 1 };
    const after = { shared, n: 2 };
    expect(diffJson(before, after)).toEqual([{ path: ['n'], op: 'change', before: 1, after: 2 }]);
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const before = parse('{"__proto__": {"x": 1}}');
    const after = parse('{"__proto__": {"x": 2}, "y": 1}');
    const changes = diffJson(before, after);
    expect(changes).toEqual([
      { path: ['__proto__', 'x'], op: 'change', before: 1, after: 2 },
      { path: ['y'], op: 'add', after: 1 },
    ]);
    const patched = applyDiff(before, changes) as Record<string, JsonValue>;
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(JSON.stringify(patched)).toBe('{"__proto__":{"x":2},"y":1}');
  });
});

describe('diffJson on arrays of objects with ids', () => {
  const item = (id: string | number, qty = 1) => ({ id, qty });

  it('an element inserted at the front is one addition, not a change of every element after it', () => {
    const before = [item('a'), item('b'), item('c')];
    const after = [item('z'), item('a'), item('b'), item('c')];
    expect(diffJson(before, after)).toEqual([{ path: [0], op: 'add', after: item('z') }]);
  });

  it('an element removed from the middle is one removal at its old index', () => {
    expect(diffJson([item(1), item(2), item(3)], [item(1), item(3)])).toEqual([
      { path: [1], op: 'remove', before: item(2) },
    ]);
  });

  it('changes inside a kept element are reported at its index in the new array', () => {
    const before = { lines: [item('a'), item('b', 1)] };
    const after = { lines: [item('new'), item('a'), item('b', 5)] };
    expect(diffJson(before, after)).toEqual([
      { path: ['lines', 0], op: 'add', after: item('new') },
      { path: ['lines', 2, 'qty'], op: 'change', before: 1, after: 5 },
    ]);
  });

  it('a moved element is removed where it was and added where it is; the others stay in place', () => {
    const before = [item('a'), item('b'), item('c'), item('d')];
    const after = [item('b'), item('c'), item('d'), item('a', 9)];
    const changes = diffJson(before, after);
    expect(changes).toEqual([
      { path: [0], op: 'remove', before: item('a') },
      { path: [3], op: 'add', after: item('a', 9) },
    ]);
    expect(applyDiff(before, changes)).toEqual(after);
  });

  it('tells number ids from string ids', () => {
    expect(diffJson([item(1)], [item('1')])).toEqual([
      { path: [0], op: 'remove', before: item(1) },
      { path: [0], op: 'add', after: item('1') },
    ]);
  });

  it('falls back to indexes when an id repeats, or when some element has no usable id', () => {
    const repeated = diffJson([item('a'), item('a', 2)], [item('b'), item('a'), item('a', 2)]);
    expect(repeated).toEqual([
      { path: [0, 'id'], op: 'change', before: 'a', after: 'b' },
      { path: [1, 'qty'], op: 'change', before: 2, after: 1 },
      { path: [2], op: 'add', after: item('a', 2) },
    ]);
    const mixed = diffJson([item('a'), { qty: 1 }], [{ qty: 1 }, item('a')]);
    expect(mixed.map((change) => change.path)).toEqual([
      [0, 'id'],
      [1, 'id'],
    ]);
    const objectIds = diffJson([{ id: { n: 1 } }], [{ id: { n: 2 } }, { id: { n: 1 } }]);
    expect(objectIds.map((change) => [change.op, change.path])).toEqual([
      ['change', [0, 'id', 'n']],
      ['add', [1]],
    ]);
  });
});

describe('applyDiff', () => {
  it('returns the new state and leaves both inputs as they were, sharing the parts nothing changed', () => {
    const before = { keep: { deep: [1, 2] }, change: { n: 1 } };
    const after = { keep: { deep: [1, 2] }, change: { n: 2 } };
    const changes = diffJson(before, after);
    const frozenChanges = JSON.stringify(changes);
    const patched = applyDiff(before, changes) as typeof before;
    expect(patched).toEqual(after);
    expect(before.change.n).toBe(1);
    expect(patched.keep).toBe(before.keep);
    expect(JSON.stringify(changes)).toBe(frozenChanges);
  });

  it('refuses a change that does not fit, naming which change, where and why', () => {
    const state = { lines: [{ qty: 1 }], name: 'x' };
    const attempt = (changes: JsonChange[]) => () => applyDiff(state, changes);
    expect(attempt([{ path: ['lines', 3, 'qty'], op: 'change', before: 1, after: 2 }])).toThrow(
      'Change 1 (change at lines[3].qty) does not fit: lines[3] is missing',
    );
    expect(
      attempt([
        { path: ['name'], op: 'remove', before: 'x' },
        { path: ['name'], op: 'remove', before: 'x' },
      ]),
    ).toThrow('Change 2 (remove at name) does not fit: (root) has no key "name"');
    expect(attempt([{ path: ['lines', 2], op: 'add', after: {} }])).toThrow(
      'lines is an array of 1 elements; 2 is not an index to add at',
    );
    expect(attempt([{ path: ['name', 'first'], op: 'add', after: 'A' }])).toThrow(
      'name is "x", not an object or array',
    );
    expect(attempt([{ path: ['name'], op: 'add', after: 'y' }])).toThrow('(root) already has the key "name"');
    expect(attempt([{ path: [], op: 'remove', before: state }])).toThrow(DiffApplyError);
  });

  it('refuses a diff made from another state: a removed or changed value must be what the change expects', () => {
    const made = diffJson({ lines: [{ qty: 1 }], note: 'a' }, { lines: [{ qty: 2 }] });
    expect(() => applyDiff({ lines: [{ qty: 3 }], note: 'a' }, made)).toThrow(
      'Change 1 (change at lines[0].qty) does not fit: lines[0].qty is 3, not 1 as the change expects',
    );
    expect(() => applyDiff({ lines: [{ qty: 1 }], note: { text: 'a' } }, made)).toThrow(
      'note is {"text":"a"}, not "a" as the change expects',
    );
    expect(() => applyDiff(2, [{ path: [], op: 'change', before: 1, after: 3 }])).toThrow(
      '(root) is 2, not 1',
    );
  });

  it('replaces the whole value for a change at the root', () => {
    expect(applyDiff([1], [{ path: [], op: 'change', before: [1], after: { a: 1 } }])).toEqual({ a: 1 });
  });
});

describe('jsonEqual', () => {
  it('ignores key order but not array order, and tells null, 0, "", [] and {} apart', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    const blanks: JsonValue[] = [null, 0, '', [], {}, false];
    for (const a of blanks)
      for (const b of blanks)
        expect(jsonEqual(a, b), `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(a === b);
  });
});

describe('summaries and paths for display', () => {
  it('counts additions, removals and changes', () => {
    const changes = diffJson({ a: 1, b: 2, c: [1] }, { a: 2, c: [1, 2, 3], d: 0 });
    expect(summariseDiff(changes)).toEqual({ added: 3, removed: 1, changed: 1 });
    expect(describeDiffSummary(summariseDiff(changes))).toBe('3 added, 1 removed, 1 changed');
    expect(describeDiffSummary(summariseDiff([]))).toBe('no differences');
  });

  it('formats paths as JavaScript would write them', () => {
    expect(formatPath(['a', 'b', 2, 'c'])).toBe('a.b[2].c');
    expect(formatPath([0, 'id'])).toBe('[0].id');
    expect(formatPath(['meta', 'correlation-id', '0'])).toBe('meta["correlation-id"]["0"]');
    expect(formatPath([])).toBe('(root)');
  });
});
