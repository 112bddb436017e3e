import type { JsonValue } from './event.js';
import { fieldValue, readFieldPath, type FieldPath } from './field-path.js';
import { jsonEqual } from './json-diff/json-equal.js';

/**
 * Conditions on a field's value, as the log's filter and `eventfold read --where` take them:
 *
 * - `data.customer.id = user-42`: equal. The value is JSON when it reads as JSON (`42`, `true`, `null`,
 *   `"quoted text"`, `[1, 2]`), else the text as written. A value written without quotes also matches a
 *   string holding that text: `data.id = 42` finds `"42"` as well as `42`.
 * - `data.status != shipped`: the field is there and is not equal.
 * - `data.total > 100`, `>=`, `<`, `<=`: numbers with numbers, text with text (in code-point order, so ISO
 *   times compare as times: `data.at >= 2026-01-01`). A field of the other kind never matches.
 * - `data.note contains gift`: text containing it, ignoring case; a list with an element equal to it; an
 *   object with that key.
 * - `data.note exists`, `data.note not exists`: the field is there (even if null), or not.
 *
 * Every condition of a filter must hold. Parsing is shared by the app and the CLI, and its errors say what
 * was wrong and at which character.
 */
export type ValueOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'exists' | 'not exists';

export interface ValueCondition {
  /** The condition normalised: `data.total > 100`. */
  readonly text: string;
  readonly path: FieldPath;
  readonly operator: ValueOperator;
  /** The value compared with; undefined for `exists` and `not exists`. */
  readonly value: JsonValue | undefined;
  /** The value as written, quotes removed: what an unquoted value matches in a string field. */
  readonly valueText: string;
  /** The value was written without quotes. */
  readonly bare: boolean;
}

export type ParsedValueCondition =
  | { readonly ok: true; readonly condition: ValueCondition }
  | { readonly ok: false; readonly error: string; /** 0-based */ readonly at: number };

const OPERATORS: readonly { readonly token: RegExp; readonly operator: ValueOperator }[] = [
  { token: /^(?:not\s+exists|!exists)\b/i, operator: 'not exists' },
  { token: /^exists\b/i, operator: 'exists' },
  { token: /^(?:contains|~)/i, operator: 'contains' },
  { token: /^!=/, operator: '!=' },
  { token: /^>=/, operator: '>=' },
  { token: /^<=/, operator: '<=' },
  { token: /^==?/, operator: '=' },
  { token: /^>/, operator: '>' },
  { token: /^</, operator: '<' },
];

export const MAX_CONDITION_LENGTH = 1000;

/** Reads one condition; an error names what is wrong and at which character. */
export function parseValueCondition(input: string): ParsedValueCondition {
  if (input.trim() === '') {
    return { ok: false, error: 'Write a condition such as data.total > 100 or data.note exists.', at: 0 };
  }
  if (input.length > MAX_CONDITION_LENGTH) {
    return {
      ok: false,
      error: `A condition is at most ${MAX_CONDITION_LENGTH} characters.`,
      at: MAX_CONDITION_LENGTH,
    };
  }
  const read = readFieldPath(input, 0, false);
  if (!read.ok) return read;
  const { path } = read;
  let at = read.end;
  while (input[at] === ' ' || input[at] === '\t') at++;
  const rest = input.slice(at);
  const found = OPERATORS.map((candidate) => ({ ...candidate, match: candidate.token.exec(rest) })).find(
    (candidate) => candidate.match !== null,
  );
  if (found?.match == null) {
    return {
      ok: false,
      error: `After ${path.text}, write =, !=, >, >=, <, <=, contains, exists or not exists (character ${at + 1}).`,
      at,
    };
  }
  const operator = found.operator;
  at += found.match[0].length;
  const valueText = input.slice(at).trim();
  if (operator === 'exists' || operator === 'not exists') {
    if (valueText !== '') {
      return {
        ok: false,
        error: `${operator} takes no value: remove "${valueText}".`,
        at: input.indexOf(valueText, at),
      };
    }
    return {
      ok: true,
      condition: {
        text: `${path.text} ${operator}`,
        path,
        operator,
        value: undefined,
        valueText: '',
        bare: true,
      },
    };
  }
  if (valueText === '') {
    return {
      ok: false,
      error: `${operator} needs a value to compare with, as in ${path.text} ${operator} ${operator === 'contains' ? 'gift' : '100'}.`,
      at: input.length,
    };
  }
  const { value, bare } = literal(valueText);
  const quotedText = typeof value === 'string' ? value : valueText;
  if (
    (operator === '>' || operator === '>=' || operator === '<' || operator === '<=') &&
    typeof value !== 'number' &&
    typeof value !== 'string'
  ) {
    return {
      ok: false,
      error: `${operator} compares numbers or text, not ${JSON.stringify(value)}.`,
      at: input.indexOf(valueText, at),
    };
  }
  const shown = bare ? valueText : JSON.stringify(value);
  return {
    ok: true,
    condition: {
      text: `${path.text} ${operator} ${shown}`,
      path,
      operator,
      value,
      valueText: quotedText,
      bare,
    },
  };
}

/** Reads every condition, or throws the first error with its condition's index (for a caller to report). */
export function parseValueConditions(inputs: readonly string[]): ValueCondition[] {
  return inputs.map((input, index) => {
    const parsed = parseValueCondition(input);
    if (!parsed.ok) throw new ValueConditionError(input, index, parsed.error, parsed.at);
    return parsed.condition;
  });
}

/** A condition that does not parse: which one, what is wrong, where. */
export class ValueConditionError extends Error {
  constructor(
    readonly input: string,
    readonly index: number,
    readonly reason: string,
    readonly at: number,
  ) {
    super(`"${input}": ${reason}`);
    this.name = 'ValueConditionError';
  }
}

/** Whether an event's field passes a condition. */
export function matchesCondition(
  event: { readonly data: JsonValue; readonly meta: JsonValue },
  condition: ValueCondition,
): boolean {
  const field = fieldValue(event, condition.path);
  switch (condition.operator) {
    case 'exists':
      return field !== undefined;
    case 'not exists':
      return field === undefined;
    case '=':
      return field !== undefined && equalTo(field, condition);
    case '!=':
      return field !== undefined && !equalTo(field, condition);
    case 'contains':
      return field !== undefined && contains(field, condition);
    case '>':
    case '>=':
    case '<':
    case '<=':
      return field !== undefined && compare(field, condition.value!, condition.operator);
  }
}

function equalTo(field: JsonValue, condition: ValueCondition): boolean {
  if (jsonEqual(field, condition.value!)) return true;
  return condition.bare && typeof field === 'string' && field === condition.valueText;
}

function contains(field: JsonValue, condition: ValueCondition): boolean {
  if (typeof field === 'string') return field.toLowerCase().includes(condition.valueText.toLowerCase());
  if (Array.isArray(field)) return field.some((element) => equalTo(element, condition));
  if (field !== null && typeof field === 'object') return Object.hasOwn(field, condition.valueText);
  return false;
}

function compare(field: JsonValue, value: JsonValue, operator: '>' | '>=' | '<' | '<='): boolean {
  // Numbers with numbers, text with text: JavaScript would compare "150" > 100 as numbers, which a
  // filter must not do silently.
  if (typeof field === 'number' && typeof value === 'number') return ordered(field, value, operator);
  if (typeof field === 'string' && typeof value === 'string') return ordered(field, value, operator);
  return false;
}

function ordered<T extends number | string>(a: T, b: T, operator: '>' | '>=' | '<' | '<='): boolean {
  switch (operator) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

/** A value as JSON when it reads as JSON, else as the text written. */
function literal(text: string): { value: JsonValue; bare: boolean } {
  try {
    const value = JSON.parse(text) as JsonValue;
    return { value, bare: typeof value !== 'string' };
  } catch {
    return { value: text, bare: true };
  }
}
