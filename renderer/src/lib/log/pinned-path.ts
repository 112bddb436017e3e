import type { RecordedEvent } from '../../../../shared/event.js';
import { fieldValue, readFieldPath, type FieldPath, type FieldRoot } from '../../../../shared/field-path.js';

/**
 * Where a pinned column reads its value: `data.sku`, `meta.user.id`, `data.items[0].sku`, `meta["correlation-id"]`,
 * written as the event view copies paths, so a copied path pins as it is. The syntax is shared/field-path.ts's,
 * the same as value filters'.
 */
export type PinnedPath = FieldPath;
export type PinnedRoot = FieldRoot;

export type ParsedPath =
  { readonly ok: true; readonly path: PinnedPath } | { readonly ok: false; readonly error: string };

/** Reads a path; an error says what was wrong and at which character, for the pin field control to show. */
export function parsePinnedPath(input: string): ParsedPath {
  const read = readFieldPath(input.trim());
  return read.ok ? { ok: true, path: read.path } : { ok: false, error: read.error };
}

/** The value at the path, or undefined when the event has nothing there. */
export function valueAt(event: Pick<RecordedEvent, PinnedRoot>, path: PinnedPath): unknown {
  return fieldValue(event, path);
}

/** A cell's text: strings as they are, other JSON compactly, nothing as an empty cell. */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
