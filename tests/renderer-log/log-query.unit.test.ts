import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, isFiltered, toLogFilter, utcInstant } from '../../renderer/src/lib/log/log-query.js';

describe('toLogFilter', () => {
  it('sends no filter when nothing filters', () => {
    expect(isFiltered(EMPTY_QUERY)).toBe(false);
    expect(toLogFilter({ ...EMPTY_QUERY, text: '   ', stream: ' ' })).toBeUndefined();
  });

  it('sends only the filters that are set, trimmed', () => {
    expect(toLogFilter({ ...EMPTY_QUERY, types: ['OrderPlaced'], text: ' gift ' })).toEqual({
      types: ['OrderPlaced'],
      text: 'gift',
    });
    expect(toLogFilter({ ...EMPTY_QUERY, stream: 'order-*' })).toEqual({ stream: 'order-*' });
  });

  it('reads times as UTC and makes a "to" minute inclusive of the whole minute', () => {
    expect(toLogFilter({ ...EMPTY_QUERY, from: '2026-11-26T09:30', to: '2026-11-26T10:00' })).toEqual({
      from: '2026-11-26T09:30:00.000Z',
      to: '2026-11-26T10:00:59.999Z',
    });
    expect(utcInstant('2026-11-26T09:30:15', 59_999)).toBe('2026-11-26T09:30:15.000Z');
    expect(() => utcInstant('yesterday', 0)).toThrow('"yesterday" is not a date and time (YYYY-MM-DDTHH:MM)');
  });
});
