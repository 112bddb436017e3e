import { describe, expect, it } from 'vitest';
import { DigestPeriod } from '../../renderer/src/lib/exports/digest-period.svelte.js';

describe("the journal's Report… period", () => {
  it('offers this month up to today, in the time zone given', () => {
    const period = new DigestPeriod('2026-03-17', 'Europe/Oslo', null);
    expect(period.subject).toEqual({
      kind: 'journal-digest',
      from: '2026-03-01',
      to: '2026-03-17',
      timeZone: 'Europe/Oslo',
    });
    expect(period.title).toBe('Journal digest, 2026-03-01 to 2026-03-17');
  });

  it('takes last month whole, across a year and in a leap February', () => {
    const january = new DigestPeriod('2026-01-05', 'UTC', null);
    january.choice = 'last-month';
    expect(january.days).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    const march = new DigestPeriod('2028-03-31', 'UTC', null);
    march.choice = 'last-month';
    expect(march.days).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('takes this year from the first of January to today', () => {
    const period = new DigestPeriod('2026-12-07', 'UTC', null);
    period.choice = 'this-year';
    expect(period.days).toEqual({ from: '2026-01-01', to: '2026-12-07' });
  });

  it('checks custom days and says what is wrong, with no request until they make a period', () => {
    const period = new DigestPeriod('2026-03-17', 'UTC', null);
    period.choice = 'custom';
    expect(period.days).toEqual({ from: '2026-03-01', to: '2026-03-17' });
    period.customFrom = '2026-02-30';
    expect(period.subject).toBeNull();
    expect(period.problem).toBe('Choose the first day of the period.');
    period.customFrom = '2026-03-20';
    expect(period.problem).toMatch(/ends before it starts/);
    period.customFrom = '2024-01-01';
    expect(period.problem).toBe('A digest covers at most 366 days; this period has 807.');
    period.customFrom = '2025-03-17';
    expect(period.problem).toBeNull();
    expect(period.days).toEqual({ from: '2025-03-17', to: '2026-03-17' });
    expect(period.title).toBe('Journal digest, 2025-03-17 to 2026-03-17');
  });

  it('narrows to the open channel only when asked, and only when one is open', () => {
    const period = new DigestPeriod('2026-03-17', 'UTC', 'travel-channel');
    expect(period.subject?.channel).toBeUndefined();
    period.onlyChannel = true;
    expect(period.subject?.channel).toBe('travel-channel');
    const none = new DigestPeriod('2026-03-17', 'UTC', null);
    none.onlyChannel = true;
    expect(none.subject?.channel).toBeUndefined();
  });
});
