import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/event.js';
import {
  matchesCondition,
  parseValueCondition,
  parseValueConditions,
  ValueConditionError,
  type ValueCondition,
} from '../../shared/value-filter.js';

const condition = (text: string): ValueCondition => {
  const parsed = parseValueCondition(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.condition;
};
const matches = (text: string, data: JsonValue, meta: JsonValue = {}): boolean =>
  matchesCondition({ data, meta }, condition(text));

describe('value conditions', () => {
  it('read a path, an operator and a value, with or without spaces', () => {
    expect(condition('data.customer.id = user-42')).toMatchObject({
      text: 'data.customer.id = user-42',
      operator: '=',
      value: 'user-42',
      path: { root: 'data', steps: ['customer', 'id'] },
    });
    expect(condition('data.total>100')).toMatchObject({
      text: 'data.total > 100',
      operator: '>',
      value: 100,
    });
    expect(condition('meta["correlation-id"] == "c 1"').text).toBe('meta["correlation-id"] = "c 1"');
    expect(condition('data.items[0].sku CONTAINS k')).toMatchObject({ operator: 'contains', valueText: 'k' });
    expect(condition('data.note not exists').operator).toBe('not exists');
    expect(condition('data.note exists').text).toBe('data.note exists');
  });

  it('say what is wrong and at which character', () => {
    const error = (text: string) => {
      const parsed = parseValueCondition(text);
      return parsed.ok ? null : { error: parsed.error, at: parsed.at };
    };
    expect(error('')?.error).toMatch(/Write a condition/);
    expect(error('total > 1')?.error).toMatch(/starts with data or meta/);
    expect(error('data.total')).toEqual({
      error: 'After data.total, write =, !=, >, >=, <, <=, contains, exists or not exists (character 11).',
      at: 10,
    });
    expect(error('data.total >')?.error).toBe('> needs a value to compare with, as in data.total > 100.');
    expect(error('data.note exists yes')?.error).toBe('exists takes no value: remove "yes".');
    expect(error('data.total > [1]')?.error).toBe('> compares numbers or text, not [1].');
    expect(error('data.a-b = 1')?.error).toMatch(/Unexpected "-" at character 7/);
    expect(() => parseValueConditions(['data.a = 1', 'nope'])).toThrow(ValueConditionError);
  });

  it('match equal values, JSON or as written, and an unquoted value in a string field', () => {
    expect(matches('data.id = user-42', { id: 'user-42' })).toBe(true);
    expect(matches('data.id = 42', { id: 42 })).toBe(true);
    expect(matches('data.id = 42', { id: '42' })).toBe(true);
    expect(matches('data.id = "42"', { id: 42 })).toBe(false);
    expect(matches('data.tags = ["a","b"]', { tags: ['a', 'b'] })).toBe(true);
    expect(matches('data.gone = null', { gone: null })).toBe(true);
    expect(matches('data.gone = null', {})).toBe(false);
    expect(matches('meta.user = ada', {}, { user: 'ada' })).toBe(true);
  });

  it('compare numbers with numbers and text with text, never one with the other', () => {
    expect(matches('data.total > 100', { total: 101 })).toBe(true);
    expect(matches('data.total > 100', { total: 100 })).toBe(false);
    expect(matches('data.total >= 100', { total: 100 })).toBe(true);
    expect(matches('data.total < 100', { total: '50' })).toBe(false);
    expect(matches('data.at >= 2026-01-01', { at: '2026-03-01T10:00:00Z' })).toBe(true);
    expect(matches('data.at < 2026-01-01', { at: '2025-12-31T23:59:59Z' })).toBe(true);
  });

  it('find text in strings ignoring case, an element in lists, a key in objects', () => {
    expect(matches('data.note contains GIFT', { note: 'a gift wrap' })).toBe(true);
    expect(matches('data.tags contains red', { tags: ['blue', 'red'] })).toBe(true);
    expect(matches('data.ids contains 7', { ids: [1, 7] })).toBe(true);
    expect(matches('data.lines contains sku', { lines: { sku: 1 } })).toBe(true);
    expect(matches('data.n contains 1', { n: 10 })).toBe(false);
  });

  it('treat != and exists as about fields that are there', () => {
    expect(matches('data.status != shipped', { status: 'placed' })).toBe(true);
    expect(matches('data.status != shipped', {})).toBe(false);
    expect(matches('data.note exists', { note: null })).toBe(true);
    expect(matches('data.note not exists', { other: 1 })).toBe(true);
    expect(matches('data.a.b exists', { a: 'text' })).toBe(false);
  });

  it('never throws on any input: an answer or an error pointing inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const parsed = parseValueCondition(text);
        if (!parsed.ok) {
          expect(parsed.at).toBeGreaterThanOrEqual(0);
          expect(parsed.at).toBeLessThanOrEqual(text.length);
        }
      }),
    );
  });

  it('read their own normalised text back as the same condition', () => {
    const key = fc.oneof(fc.constantFrom('total', 'id', 'note'), fc.string({ minLength: 1, maxLength: 6 }));
    const value = fc.oneof(
      fc.integer().map(String),
      fc.constantFrom('true', 'null', 'user-42', '2026-01-01'),
      fc.string({ minLength: 1, maxLength: 8 }).map((text) => JSON.stringify(text)),
    );
    const operator = fc.constantFrom('=', '!=', '>', '>=', '<', '<=', 'contains');
    fc.assert(
      fc.property(key, operator, value, (name, op, literal) => {
        const text = `data[${JSON.stringify(name)}] ${op} ${literal}`;
        const parsed = parseValueCondition(text);
        if (!parsed.ok) return;
        const again = parseValueCondition(parsed.condition.text);
        expect(again.ok && again.condition).toEqual(parsed.condition);
      }),
    );
  });
});
