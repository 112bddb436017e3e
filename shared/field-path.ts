import type { JsonValue } from './event.js';
import { formatPathFrom } from './json-diff/json-path-text.js';

/** The parts of an event a field path may start in. */
export type FieldRoot = 'data' | 'meta';
const ROOTS: readonly FieldRoot[] = ['data', 'meta'];

/**
 * A field of an event's data or metadata, written as JavaScript and jq would and as the event view copies
 * it: `data.sku`, `data.items[0].sku`, `meta["correlation-id"]`. Pinned columns and value filters both read
 * paths with `readFieldPath`, so one syntax works in both, in the app and on the command line.
 */
export interface FieldPath {
  /** The path normalised: `data["sku"]` is `data.sku`. */
  readonly text: string;
  readonly root: FieldRoot;
  readonly steps: readonly (string | number)[];
}

export type FieldPathRead =
  | {
      readonly ok: true;
      readonly path: FieldPath;
      /** Where the path ends in the text. */ readonly end: number;
    }
  | {
      readonly ok: false;
      readonly error: string;
      /** 0-based index of the character at fault. */ readonly at: number;
    };

const NAME = /^[A-Za-z_$][\w$]*/;

/**
 * Reads a field path at `start` of `source`. With `whole`, the path must be all of the rest (a pinned
 * column); without, it ends at the first space or operator character (a value filter goes on after it).
 */
export function readFieldPath(source: string, start = 0, whole = true): FieldPathRead {
  let at = start;
  while (source[at] === ' ') at++;
  const root = NAME.exec(source.slice(at))?.[0];
  if (root === undefined || !ROOTS.includes(root as FieldRoot)) {
    return { ok: false, error: 'A field path starts with data or meta, as in data.sku or meta.user.id.', at };
  }
  at += root.length;
  const steps: (string | number)[] = [];
  while (at < source.length) {
    const rest = source.slice(at);
    if (!whole && /^[\s=!<>~]/.test(rest)) break;
    const dotted = /^\.([A-Za-z_$][\w$]*)/.exec(rest);
    const indexed = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
    if (dotted?.[1] !== undefined) {
      steps.push(dotted[1]);
      at += dotted[0].length;
    } else if (indexed?.[1] !== undefined) {
      steps.push(Number(indexed[1]));
      at += indexed[0].length;
    } else if (quoted?.[1] !== undefined) {
      steps.push(JSON.parse(`"${quoted[1]}"`) as string);
      at += quoted[0].length;
    } else {
      return {
        ok: false,
        error: `Unexpected "${rest[0] ?? ''}" at character ${at + 1}: use .name, [0] or ["any name"].`,
        at,
      };
    }
  }
  if (steps.length === 0) return { ok: false, error: `Name a field inside ${root}, as in ${root}.sku.`, at };
  const path: FieldPath = { text: formatPathFrom(root, steps), root: root as FieldRoot, steps };
  return { ok: true, path, end: at };
}

/** The value at a path in an event, or undefined when it has nothing there. */
export function fieldValue(
  event: { readonly data: JsonValue; readonly meta: JsonValue },
  path: Pick<FieldPath, 'root' | 'steps'>,
): JsonValue | undefined {
  let value: JsonValue | undefined = event[path.root];
  for (const step of path.steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[step];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
      if (!Object.hasOwn(value, step)) return undefined;
      value = value[step];
    }
  }
  return value;
}
