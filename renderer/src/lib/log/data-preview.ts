import type { JsonValue } from '../../../../shared/event.js';
import { containsText } from '../text-highlight.js';

/** One `key: value` of a row's data preview. */
export interface PreviewField {
  /** The key; empty when the data is not an object (the whole value is shown). */
  readonly key: string;
  readonly value: string;
}

/** Fields shown, and how long a value may get: the cell cuts the rest off with an ellipsis anyway. */
const MOST_FIELDS = 8;
const LONGEST_VALUE = 80;

/**
 * What a log row shows of its data: the first fields as `key: value`, strings as they are, anything else as
 * compact JSON. Fields whose key or value contains the searched text come first, so that a text filter's
 * reason to list the row is on screen.
 */
export function dataPreview(data: JsonValue, searched = ''): PreviewField[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return [{ key: '', value: shorten(valueText(data)) }];
  }
  const fields = Object.entries(data).map(([key, value]) => ({ key, value: shorten(valueText(value)) }));
  if (searched.trim() !== '') {
    const matching = (field: PreviewField): boolean =>
      containsText(field.key, searched) || containsText(field.value, searched);
    fields.sort((a, b) => Number(matching(b)) - Number(matching(a)));
  }
  return fields.slice(0, MOST_FIELDS);
}

function valueText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function shorten(text: string): string {
  return text.length <= LONGEST_VALUE ? text : `${text.slice(0, LONGEST_VALUE - 1)}…`;
}
