import { describe, expect, it } from 'vitest';
import { formatJsonText, parseJsonText } from '../../renderer/src/lib/json-text.js';

const errorOf = (text: string) => {
  const result = parseJsonText(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be invalid`);
  return result.error;
};

describe('parseJsonText', () => {
  it('reads valid JSON, and an empty field as no value', () => {
    expect(parseJsonText('{"sku": "A-1", "qty": 2}')).toEqual({ ok: true, value: { sku: 'A-1', qty: 2 } });
    expect(parseJsonText('  \n ')).toEqual({ ok: true, value: undefined });
  });

  it('points at the line and column of a missing comma', () => {
    const error = errorOf('{\n  "a": 1\n  "b": 2\n}');
    expect(error).toMatchObject({
      line: 3,
      column: 3,
      message: "Expected ',' or '}' after a property value",
    });
  });

  it('points at a trailing comma and at an unquoted word', () => {
    expect(errorOf('{"a": 1,}')).toMatchObject({ line: 1, column: 9, message: 'Trailing comma before }' });
    expect(errorOf('{"a":\n  oops}')).toMatchObject({ line: 2, column: 3 });
    expect(errorOf('{"a":\n  oops}').message).toContain('expected a value');
  });

  it('names single quotes, unterminated strings and a missing end', () => {
    expect(errorOf("{'a': 1}").message).toBe('Expected a property name in double quotes');
    expect(errorOf('["abc')).toMatchObject({ message: 'Unterminated string', column: 2 });
    expect(errorOf('[1, 2')).toMatchObject({ line: 1, column: 6 });
    expect(errorOf('{"a": 1} x')).toMatchObject({
      message: 'Unexpected text after the JSON value',
      column: 10,
    });
  });
});

describe('formatJsonText', () => {
  it('indents valid JSON by two spaces and leaves invalid text as it was', () => {
    expect(formatJsonText('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(formatJsonText('{"a":')).toBe('{"a":');
  });
});
