import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayLabel, dayOf, endOfDay, startOfDay } from '../../renderer/src/lib/journal/local-days.js';

const zones = [
  'UTC',
  'Europe/Oslo',
  'America/New_York',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'America/St_Johns',
  'Pacific/Kiritimati',
];
const days = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('local days', () => {
  it('finds the first instant of a day in any zone: it is on that day, and a moment before is not', () => {
    fc.assert(
      fc.property(days, fc.constantFrom(...zones), (day, zone) => {
        const start = startOfDay(day, zone);
        expect(dayOf(start, zone)).toBe(day);
        expect(dayOf(Date.parse(start) - 1, zone)).toBe(addDays(day, -1));
        const end = endOfDay(day, zone);
        expect(dayOf(end, zone)).toBe(day);
        expect(dayOf(Date.parse(end) + 1, zone)).toBe(addDays(day, 1));
      }),
    );
  });

  it('handles a day whose midnight does not exist (daylight saving at 00:00)', () => {
    // Santiago skipped from 00:00 to 01:00 on 2025-09-07.
    const start = startOfDay('2025-09-07', 'America/Santiago');
    expect(dayOf(start, 'America/Santiago')).toBe('2025-09-07');
    expect(start).toBe('2025-09-07T04:00:00.000Z');
  });

  it('names today and yesterday, and dates of other years with the year', () => {
    expect(dayLabel('2026-03-02', '2026-03-02', 'en-GB')).toBe('Today');
    expect(dayLabel('2026-03-01', '2026-03-02', 'en-GB')).toBe('Yesterday');
    expect(dayLabel('2026-02-14', '2026-03-02', 'en-GB')).toMatch(/^Saturday,? 14 February$/);
    expect(dayLabel('2019-06-14', '2026-03-02', 'en-GB')).toMatch(/^Friday,? 14 June 2019$/);
  });
});
