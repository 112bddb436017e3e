import type { RecordedEvent } from '../../../../shared/event.js';
import { formatJsonPath, type JsonPathStep } from '../json-path.js';

/**
 * Where a pinned column reads its value: `data.sku`, `meta.user.id`, `data.items[0].sku`, `meta["correlation-id"]`,
 * written as the event view copies paths, so a copied path pins as it is.
 */
export interface PinnedPath {
  /** The path as the user wrote it, normalised (the column's title and its storage key). */
  readonly text: string;
  readonly root: PinnedRoot;
  readonly steps: readonly JsonPathStep[];
}

export type PinnedRoot = 'data' | 'meta';
const ROOTS: readonly PinnedRoot[] = ['data', 'meta'];

export type ParsedPath =
  { readonly ok: true; readonly path: PinnedPath } | { readonly ok: false; readonly error: string };

const NAME = /^[A-Za-z_$][\w$]*/;

/** Reads a path; an error says what was wrong and at which character, for the pin field control to show. */
export function parsePinnedPath(input: string): ParsedPath {
  const source = input.trim();
  const rootMatch = NAME.exec(source);
  const root = rootMatch?.[0];
  if (root === undefined || !ROOTS.includes(root as PinnedRoot))
    return { ok: false, error: 'A field path starts with data or meta, as in data.sku or meta.user.id.' };
  const steps: JsonPathStep[] = [];
  let at = root.length;
  while (at < source.length) {
    const rest = source.slice(at);
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
      };
    }
  }
  if (steps.length === 0) return { ok: false, error: `Name a field inside ${root}, as in ${root}.sku.` };
  return { ok: true, path: { text: formatJsonPath(root, steps), root: root as PinnedRoot, steps } };
}

/** The value at the path, or undefined when the event has nothing there. */
export function valueAt(event: Pick<RecordedEvent, PinnedRoot>, path: PinnedPath): unknown {
  let value: unknown = event[path.root];
  for (const step of path.steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[step];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
      if (!Object.hasOwn(value, step)) return undefined;
      value = (value as Record<string, unknown>)[step];
    }
  }
  return value;
}

/** A cell's text: strings as they are, other JSON compactly, nothing as an empty cell. */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
