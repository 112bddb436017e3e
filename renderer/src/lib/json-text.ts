import type { JsonValue } from '../../../shared/event.js';
import { findJsonSyntaxError } from './json-syntax-error.js';
import { errorText } from '../../../shared/error-text.js';

/** Where a JSON text stops being valid, in the terms an editor shows: 1-based line and column. */
export interface JsonTextError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** 0-based offset into the text. */
  readonly offset: number;
}

export type JsonTextResult =
  | { readonly ok: true; readonly value: JsonValue | undefined }
  | { readonly ok: false; readonly error: JsonTextError };

/**
 * Parses what the user typed. An empty text means "no value" (the field is optional), not an error; an
 * invalid one says why and where, as a line and column the editor can point at.
 */
export function parseJsonText(text: string): JsonTextResult {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (error) {
    const found = findJsonSyntaxError(text) ?? {
      offset: text.length,
      message: errorText(error),
    };
    const { line, column } = lineAndColumn(text, found.offset);
    return { ok: false, error: { message: found.message, line, column, offset: found.offset } };
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Two-space indentation, like the folder's own manifest; invalid text is left as the user wrote it. */
export function formatJsonText(text: string): string {
  const parsed = parseJsonText(text);
  if (!parsed.ok || parsed.value === undefined) return text;
  return JSON.stringify(parsed.value, null, 2);
}
