import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, isFiltered, toLogFilter } from '../../renderer/src/lib/log/log-query.js';
import { parseUtcTime, timePresets, typedTime } from '../../renderer/src/lib/log/utc-time.js';

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
    expect(toLogFilter({ ...EMPTY_QUERY, from: 'yesterday' })).toEqual({});
  });
});

describe('UTC times as typed', () => {
  const iso = (text: string, end = false) => {
    const parsed = parseUtcTime(text, end);
    return parsed.ok ? parsed.iso : parsed.error;
  };

  it('take a day, a minute, seconds and milliseconds, with T or a space, Z optional', () => {
    expect(iso('2026-11-26')).toBe('2026-11-26T00:00:00.000Z');
    expect(iso('2026-11-26 09:30')).toBe('2026-11-26T09:30:00.000Z');
    expect(iso('2026-11-26T09:30:15Z')).toBe('2026-11-26T09:30:15.000Z');
    expect(iso('2026-11-26T09:30:15.5')).toBe('2026-11-26T09:30:15.500Z');
    expect(iso(' 2026-11-26 09:30 UTC ')).toBe('2026-11-26T09:30:00.000Z');
  });

  it('end a range at the last moment written', () => {
    expect(iso('2026-11-26', true)).toBe('2026-11-26T23:59:59.999Z');
    expect(iso('2026-11-26 09:30', true)).toBe('2026-11-26T09:30:59.999Z');
    expect(iso('2026-11-26 09:30:15', true)).toBe('2026-11-26T09:30:15.999Z');
    expect(iso('2026-11-26 09:30:15.250', true)).toBe('2026-11-26T09:30:15.250Z');
  });

  it('say how to write one, and refuse dates that do not exist', () => {
    expect(iso('yesterday')).toBe(
      '"yesterday" is not a UTC time: write 2026-11-26, 2026-11-26 09:30 or 2026-11-26T09:30:15Z.',
    );
    expect(iso('2026-02-30')).toBe('"2026-02-30" is no date and time that exists.');
    expect(iso('2026-11-26 24:00')).toBe('"2026-11-26 24:00" is no date and time that exists.');
    expect(iso('2026-11-26T09:30+02:00')).toMatch(/is not a UTC time/);
  });

  it('offer presets relative to now, in UTC', () => {
    const now = new Date('2026-11-26T09:30:45.123Z');
    expect(typedTime(now)).toBe('2026-11-26 09:30:45');
    expect(timePresets(now)).toEqual([
      { label: 'Last hour', from: '2026-11-26 08:30', to: '' },
      { label: 'Last 24 hours', from: '2026-11-25 09:30', to: '' },
      { label: 'Today (UTC)', from: '2026-11-26', to: '' },
      { label: 'Last 7 days', from: '2026-11-19', to: '' },
    ]);
  });
});
