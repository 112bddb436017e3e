import { describe, expect, it } from 'vitest';
import { Calendar } from '../../renderer/src/lib/journal/calendar.svelte.js';
import { addMonths, monthGrid } from '../../renderer/src/lib/journal/month-grid.js';
import { journalFixture } from './journal-fixture.js';

describe('the month grid', () => {
  it('starts weeks on Monday and fills the first and last week from the months around', () => {
    const weeks = monthGrid('2026-03');
    // 1 March 2026 is a Sunday: the first week starts on Monday 23 February.
    expect(weeks[0]?.[0]).toEqual({ day: '2026-02-23', inMonth: false });
    expect(weeks[0]?.[6]).toEqual({ day: '2026-03-01', inMonth: true });
    expect(weeks.at(-1)?.at(-1)?.day).toBe('2026-04-05');
    expect(weeks.flat().filter((cell) => cell.inMonth)).toHaveLength(31);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });

  it('moves by months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
  });
});

describe('the calendar', () => {
  it('marks the days that have entries, with their counts, in the user’s time zone', async () => {
    const journal = journalFixture({ timeZone: 'Pacific/Auckland', now: '2026-03-10T00:00:00.000Z' });
    const channel = journal.channel('c1', 'Journal');
    // 08:00 UTC on 1 March is 21:00 in Auckland: the entries are on 1 March there.
    journal.posts(channel, 3, { day: '2026-03-01' });
    // 12:00 UTC on 5 March is 01:00 on 6 March in Auckland.
    journal.api.command({
      type: 'PostMessage',
      message: 'late',
      channel,
      text: 'Late',
      at: '2026-03-05T12:00:00.000Z',
    });
    const calendar = new Calendar(journal.session);
    await calendar.load();
    expect(calendar.month).toBe('2026-03');
    expect(calendar.entriesOn('2026-03-01')).toBe(3);
    expect(calendar.entriesOn('2026-03-05')).toBe(0);
    expect(calendar.entriesOn('2026-03-06')).toBe(1);
    expect(journal.api.calls.at(-1)?.arg).toMatchObject({
      from: '2026-02-23',
      to: '2026-04-05',
      timeZone: 'Pacific/Auckland',
    });
  });

  it('goes back in time freely but not past the current month', async () => {
    const journal = journalFixture({ now: '2026-03-10T00:00:00.000Z' });
    const calendar = new Calendar(journal.session);
    await calendar.load();
    expect(calendar.canGoForward).toBe(false);
    await calendar.go(1);
    expect(calendar.month).toBe('2026-03');
    await calendar.go(-3);
    expect(calendar.month).toBe('2025-12');
    expect(calendar.canGoForward).toBe(true);
  });

  it('counts one channel only when given one', async () => {
    const journal = journalFixture({ now: '2026-03-10T00:00:00.000Z' });
    const one = journal.channel('c1', 'One');
    const two = journal.channel('c2', 'Two');
    journal.posts(one, 2, { prefix: 'a' });
    journal.posts(two, 5, { prefix: 'b' });
    const calendar = new Calendar(journal.session, { channel: two });
    await calendar.load();
    expect(calendar.entriesOn('2026-03-01')).toBe(5);
    await calendar.setChannel(null);
    expect(calendar.entriesOn('2026-03-01')).toBe(7);
  });
});
