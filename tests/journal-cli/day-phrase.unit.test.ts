import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DayPhraseError, parseDayPhrase } from '../../shared/day-phrase.js';

const DAY_MS = 86_400_000;
/** Days from 1900 to 2199, as YYYY-MM-DD. */
const day = fc
  .integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2199, 11, 31) / DAY_MS })
  .map((n) => new Date(n * DAY_MS).toISOString().slice(0, 10));
const plus = (text: string, days: number) =>
  new Date(Date.parse(`${text}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (text: string) => (new Date(`${text}T00:00:00Z`).getUTCDay() + 6) % 7;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

describe('days as people type them', () => {
  it('knows today, yesterday and a written day, whatever today is', () => {
    fc.assert(
      fc.property(day, day, (today, other) => {
        expect(parseDayPhrase('today', today)).toBe(today);
        expect(parseDayPhrase(' Yesterday ', today)).toBe(plus(today, -1));
        expect(parseDayPhrase(other, today)).toBe(other);
      }),
    );
  });

  it('counts days and weeks back exactly', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 20_000 }), (today, n) => {
        expect(parseDayPhrase(`${n} days ago`, today)).toBe(plus(today, -n));
        expect(parseDayPhrase(`${n}  DAYS  ago`, today)).toBe(plus(today, -n));
        if (n <= 2000) expect(parseDayPhrase(`${n} weeks ago`, today)).toBe(plus(today, -7 * n));
      }),
    );
    expect(parseDayPhrase('a day ago', '2026-03-01')).toBe('2026-02-28');
    expect(parseDayPhrase('one week ago', '2026-03-01')).toBe('2026-02-22');
  });

  it('finds the most recent weekday before today, with or without "last"', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 6 }), fc.boolean(), (today, wanted, last) => {
        const found = parseDayPhrase(`${last ? 'last ' : ''}${WEEKDAYS[wanted]!}`, today);
        expect(weekday(found)).toBe(wanted);
        const back = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${found}T00:00:00Z`)) / DAY_MS;
        expect(back).toBeGreaterThanOrEqual(1);
        expect(back).toBeLessThanOrEqual(7);
      }),
    );
    // 2026-03-04 is a Wednesday.
    expect(parseDayPhrase('last monday', '2026-03-04')).toBe('2026-03-02');
    expect(parseDayPhrase('wednesday', '2026-03-04')).toBe('2026-02-25');
  });

  it('goes back whole months and years, to the month’s last day when it is shorter', () => {
    expect(parseDayPhrase('1 month ago', '2026-03-31')).toBe('2026-02-28');
    expect(parseDayPhrase('a month ago', '2026-01-15')).toBe('2025-12-15');
    expect(parseDayPhrase('2 years ago', '2028-02-29')).toBe('2026-02-28');
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 600 }), (today, months) => {
        const found = parseDayPhrase(`${months} months ago`, today);
        const [y, m] = today.split('-').map(Number) as [number, number];
        const [fy, fm, fd] = found.split('-').map(Number) as [number, number, number];
        expect(fy * 12 + fm).toBe(y * 12 + m - months);
        expect(fd).toBeLessThanOrEqual(Number(today.slice(8)));
      }),
    );
  });

  it('refuses anything else with an error that says what it understands, and never throws anything else', () => {
    for (const bad of ['', 'next friday', '2026-02-30', '2026/12/01', 'three days ago', '3 fortnights ago']) {
      expect(() => parseDayPhrase(bad, '2026-03-01'), bad).toThrow(DayPhraseError);
    }
    expect(() => parseDayPhrase('soon', '2026-03-01')).toThrow(
      '"soon" is not a day: write 2026-12-01, today, yesterday, monday (or last monday), 3 days ago, 2 weeks ago, a month ago',
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), day, (text, today) => {
        try {
          expect(parseDayPhrase(text, today)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } catch (error) {
          expect(error).toBeInstanceOf(DayPhraseError);
        }
      }),
    );
  });
});
