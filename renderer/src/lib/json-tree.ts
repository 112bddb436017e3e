import type { JsonValue } from '../../../shared/event.js';
import type { JsonPathStep } from './json-path.js';

/** One child of an object or array, with the step that reaches it. */
export interface JsonChild {
  readonly step: JsonPathStep;
  readonly value: JsonValue;
}

export function isContainer(value: JsonValue): value is JsonValue[] | Record<string, JsonValue> {
  return typeof value === 'object' && value !== null;
}

export function childrenOf(value: JsonValue): JsonChild[] {
  if (Array.isArray(value)) return value.map((item, index) => ({ step: index, value: item }));
  if (isContainer(value)) return Object.entries(value).map(([key, item]) => ({ step: key, value: item }));
  return [];
}

/** What a collapsed object or array shows in place of its children. */
export function containerSummary(value: JsonValue): string {
  if (Array.isArray(value)) return value.length === 1 ? '1 item' : `${value.length} items`;
  if (isContainer(value)) {
    const keys = Object.keys(value).length;
    return keys === 1 ? '1 key' : `${keys} keys`;
  }
  return '';
}

/** A leaf as JSON writes it (strings quoted), which is also what "copy value" puts on the clipboard. */
export function leafText(value: JsonValue): string {
  return JSON.stringify(value);
}

/** The text to copy for a value: JSON, indented for containers so it pastes readably. */
export function copyableValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  return isContainer(value) ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}
