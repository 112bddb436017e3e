import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/event.js';
import {
  applyDiff,
  diffJson,
  jsonEqual,
  summariseDiff,
  type JsonChange,
} from '../../shared/json-diff/index.js';
import { canonicalJson, jsonStates } from './json-state-arbitraries.js';

const RUNS = { numRuns: 1500 };
const { value: anyState, object: objectState, idArray: idArrayState } = jsonStates();
const ordered = jsonStates({ idsInOrder: true });
/** Two states that share most of their shape: both objects, or both id-keyed arrays, or anything. */
const statePairs = fc.oneof(
  fc.tuple(objectState, objectState),
  fc.tuple(idArrayState, idArrayState),
  fc.tuple(anyState, anyState),
);

describe('diffJson and applyDiff, for any two JSON states', () => {
  it('applying diff(A, B) to A gives B, and leaves A as it was', () => {
    fc.assert(
      fc.property(statePairs, ([a, b]) => {
        const aBefore = canonicalJson(a);
        const patched = applyDiff(a, diffJson(a, b));
        expect(canonicalJson(patched)).toBe(canonicalJson(b));
        expect(canonicalJson(a)).toBe(aBefore);
      }),
      RUNS,
    );
  });

  it('diff(A, A) and diff(A, a copy of A) are empty; diff(A, B) is empty only when A and B are equal', () => {
    fc.assert(
      fc.property(statePairs, ([a, b]) => {
        expect(diffJson(a, a)).toEqual([]);
        expect(diffJson(a, JSON.parse(JSON.stringify(a)) as JsonValue)).toEqual([]);
        expect(diffJson(a, b).length === 0).toBe(canonicalJson(a) === canonicalJson(b));
        expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      RUNS,
    );
  });

  it('each path names a real place in the value as it is when that change applies', () => {
    fc.assert(
      fc.property(statePairs, ([a, b]) => {
        let current = a;
        for (const change of diffJson(a, b)) {
          expectPathFits(current, change);
          current = applyDiff(current, [change]);
        }
      }),
      RUNS,
    );
  });

  it('nothing is reported inside a value that another change adds or replaces whole', () => {
    fc.assert(
      fc.property(statePairs, ([a, b]) => {
        const changes = diffJson(a, b);
        const whole = changes.filter((change) => change.op !== 'remove').map((change) => change.path);
        for (const { path } of changes) {
          const inside = whole.filter(
            (outer) => outer.length < path.length && outer.every((step, i) => step === path[i]),
          );
          expect(inside).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('diff(A, B) and diff(B, A) mirror each other: additions one way are removals the other', () => {
    fc.assert(
      fc.property(fc.tuple(ordered.value, ordered.value), ([a, b]) => {
        const forwards = summariseDiff(diffJson(a, b));
        const backwards = summariseDiff(diffJson(b, a));
        expect(backwards).toEqual({
          added: forwards.removed,
          removed: forwards.added,
          changed: forwards.changed,
        });
      }),
      RUNS,
    );
  });

  it('without arrays, diff(B, A) is diff(A, B) with each change turned around, path for path', () => {
    const { value } = jsonStates({ arrays: false });
    fc.assert(
      fc.property(value, value, (a, b) => {
        const turned = diffJson(a, b).map(turnAround);
        expect(sortedByPath(diffJson(b, a))).toEqual(sortedByPath(turned));
      }),
      RUNS,
    );
  });
});

/** A removal or change finds its `before` at its path; an addition finds a free place there. */
function expectPathFits(value: JsonValue, change: JsonChange): void {
  const parentPath = change.path.slice(0, -1);
  if (change.path.length === 0) {
    expect(change.op).toBe('change');
    return;
  }
  const parent = valueAt(value, parentPath);
  const last = change.path[change.path.length - 1]!;
  expect(typeof parent === 'object' && parent !== null, `parent of ${JSON.stringify(change.path)}`).toBe(
    true,
  );
  if (Array.isArray(parent)) {
    expect(typeof last).toBe('number');
    const index = last as number;
    if (change.op === 'add') expect(index).toBeLessThanOrEqual(parent.length);
    else expect(canonicalJson(parent[index]!)).toBe(canonicalJson(change.before));
  } else {
    const object = parent as Record<string, JsonValue>;
    expect(typeof last).toBe('string');
    const present = Object.hasOwn(object, last);
    expect(present).toBe(change.op !== 'add');
    if (change.op !== 'add') expect(canonicalJson(object[last]!)).toBe(canonicalJson(change.before));
  }
}

function valueAt(value: JsonValue, path: readonly (string | number)[]): JsonValue | undefined {
  let here: JsonValue | undefined = value;
  for (const step of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = Array.isArray(here)
      ? here[step as number]
      : Object.hasOwn(here, step)
        ? here[step as string]
        : undefined;
  }
  return here;
}

function turnAround(change: JsonChange): JsonChange {
  if (change.op === 'add') return { path: change.path, op: 'remove', before: change.after };
  if (change.op === 'remove') return { path: change.path, op: 'add', after: change.before };
  return { path: change.path, op: 'change', before: change.after, after: change.before };
}

function sortedByPath(changes: JsonChange[]): JsonChange[] {
  return [...changes].sort((x, y) => (JSON.stringify(x.path) < JSON.stringify(y.path) ? -1 : 1));
}
