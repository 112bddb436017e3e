import { describe, expect, it } from 'vitest';
import { JournalCommandHandler, streaks } from '../../electron/journal/index.js';
import { useApiFixture } from '../api/api-session-fixture.js';
import { at, JournalPage } from './journal-session.js';

const fixture = useApiFixture();

async function journal() {
  const dir = await fixture.folder();
  const session = await fixture.opened(dir);
  const page = new JournalPage(session);
  await page.channel('c1', 'Journal');
  await page.channel('c2', 'Travel');
  return { dir, session, page };
}

describe('the journal views beyond the pages', () => {
  it('gives a message’s history: versions, conflicts and how they were settled, replies, every event', async () => {
    const { dir, session, page } = await journal();
    await page.post('m1', 'v1 text', { at: at(10) });
    await page.command({
      type: 'EditMessage',
      message: 'm1',
      edit: 'e1',
      baseVersion: 1,
      text: 'v2 text',
      at: at(11),
    });
    const other = new JournalCommandHandler(await fixture.writer(dir));
    await other.handle({
      type: 'EditMessage',
      message: 'm1',
      edit: 'e2',
      baseVersion: 2,
      text: 'v3 text',
      at: at(12),
    });
    await page.command({
      type: 'EditMessage',
      message: 'm1',
      edit: 'e3',
      baseVersion: 2,
      text: 'lost A',
      at: at(13),
    });
    await page.command({
      type: 'EditMessage',
      message: 'm1',
      edit: 'e4',
      baseVersion: 2,
      text: 'lost B',
      at: at(14),
    });
    await page.command({ type: 'DismissEditConflict', message: 'm1', edit: 'e3', at: at(15) });
    await page.command({
      type: 'EditMessage',
      message: 'm1',
      edit: 'e5',
      baseVersion: 3,
      text: 'v4 takes B',
      resolves: ['e4'],
      at: at(16),
    });
    await page.command({ type: 'AddReaction', message: 'm1', emoji: '🎉', at: at(17) });
    await page.command({ type: 'AddTag', message: 'm1', tag: '#Trip', at: at(18) });
    await page.post('r1', 'a reply', { replyTo: 'm1', at: at(19) });
    await page.post('r2', 'another reply', { replyTo: 'm1', at: at(20) });
    await page.command({ type: 'DeleteMessage', message: 'r2', at: at(21) });

    const history = await session.call('journal.history', { message: 'm1' });
    expect(history.versions.map((v) => [v.version, v.text, v.edit])).toStrictEqual([
      [1, 'v1 text', null],
      [2, 'v2 text', 'e1'],
      [3, 'v3 text', 'e2'],
      [4, 'v4 takes B', 'e5'],
    ]);
    expect(history.conflicts.map((c) => [c.edit, c.text, c.baseVersion, c.version, c.settled])).toStrictEqual(
      [
        ['e3', 'lost A', 2, 3, { by: 'dismissal' }],
        ['e4', 'lost B', 2, 3, { by: 'edit', edit: 'e5' }],
      ],
    );
    expect(history.timeline.map((t) => [t.type, t.detail])).toStrictEqual([
      ['MessagePosted', null],
      ['MessageEdited', 'e1'],
      ['MessageEdited', 'e2'],
      ['MessageEditConflicted', 'e3'],
      ['MessageEditConflicted', 'e4'],
      ['MessageEditConflictDismissed', 'e3'],
      ['MessageEdited', 'e5'],
      ['ReactionAdded', '🎉'],
      ['TagAdded', 'trip'],
    ]);
    expect(history.message).toMatchObject({ text: 'v4 takes B', version: 4, conflicts: [], replies: 2 });
    expect(history.replies?.map((r) => [r.message, r.excerpt, r.deleted])).toStrictEqual([
      ['r1', 'a reply', false],
      ['r2', 'another reply', true],
    ]);
  });

  it('lists recently deleted messages, most recently deleted first, a page at a time, per channel or all', async () => {
    const { session, page } = await journal();
    for (const [message, channel] of [
      ['a', 'c1'],
      ['b', 'c2'],
      ['c', 'c1'],
      ['d', 'c1'],
    ] as const) {
      await page.post(message, `text ${message}`, { channel });
    }
    await page.command({ type: 'DeleteMessage', message: 'c', at: at(50) });
    await page.command({ type: 'DeleteMessage', message: 'a', at: at(51) });
    await page.command({ type: 'DeleteMessage', message: 'b', at: at(52) });
    await page.command({ type: 'DeleteMessage', message: 'd', at: at(53) });
    await page.command({ type: 'RestoreMessage', message: 'd', at: at(54) });

    const first = await session.call('journal.deleted', { limit: 2 });
    expect(first.messages.map((m) => [m.message, m.deleted, m.deletedAt])).toStrictEqual([
      ['b', true, at(52)],
      ['a', true, at(51)],
    ]);
    const second = await session.call('journal.deleted', { limit: 2, next: first.next! });
    expect(second.messages.map((m) => m.message)).toStrictEqual(['c']);
    expect(second.next).toBeNull();
    const inC1 = await session.call('journal.deleted', { channel: 'c1' });
    expect(inC1.messages.map((m) => m.message)).toStrictEqual(['a', 'c']);
  });

  it('lists a channel’s pins in the order they were posted, leaving out deleted ones', async () => {
    const { session, page } = await journal();
    for (const id of ['p1', 'p2', 'p3', 'p4']) await page.post(id, id);
    for (const id of ['p3', 'p1', 'p4']) await page.command({ type: 'PinMessage', message: id });
    await page.command({ type: 'DeleteMessage', message: 'p4' });
    const pins = await session.call('journal.pins', { channel: 'c1' });
    expect(pins.map((m) => m.message)).toStrictEqual(['p1', 'p3']);
    expect((await session.call('journal.channels', {}))[0]?.pinned).toBe(2);
    expect(await session.refusalCode('journal.pins', { channel: 'nope' })).toBe('UnknownChannel');
  });

  it('puts messages on the days of the time zone asked for, with their counts and words', async () => {
    const { session, page } = await journal();
    // 2026-03-01 20:30 UTC is already 2 March in Auckland (UTC+13 in summer).
    await page.post('m1', 'one two three', { at: '2026-03-01T20:30:00.000Z' });
    await page.post('m2', 'four', { at: '2026-03-01T09:00:00.000Z', channel: 'c2' });
    await page.post('m3', 'gone', { at: '2026-03-01T09:30:00.000Z' });
    await page.command({ type: 'DeleteMessage', message: 'm3' });
    const auckland = await session.call('journal.calendar', {
      from: '2026-03-01',
      to: '2026-03-31',
      timeZone: 'Pacific/Auckland',
    });
    expect(auckland).toStrictEqual([
      { day: '2026-03-01', messages: 1, words: 1 },
      { day: '2026-03-02', messages: 1, words: 3 },
    ]);
    const utc = await session.call('journal.calendar', {
      from: '2026-03-01',
      to: '2026-03-01',
      timeZone: 'UTC',
    });
    expect(utc).toStrictEqual([{ day: '2026-03-01', messages: 2, words: 4 }]);
    const travel = await session.call('journal.calendar', {
      from: '2026-02-01',
      to: '2026-03-31',
      timeZone: 'UTC',
      channel: 'c2',
    });
    expect(travel).toStrictEqual([{ day: '2026-03-01', messages: 1, words: 1 }]);
    const unknown = await session.refusal('journal.calendar', {
      from: '2026-03-01',
      to: '2026-03-02',
      timeZone: 'Mars/Olympus',
    });
    expect(unknown.code).toBe('BadRequest');
    expect(unknown.message).toMatch(/journal.calendar: timeZone must be a time zone this computer knows/);
    const backwards = await session.refusal('journal.calendar', {
      from: '2026-03-02',
      to: '2026-03-01',
      timeZone: 'UTC',
    });
    expect(backwards.message).toBe(
      'journal.calendar: to must be a day on or after from (2026-03-02), not 2026-03-01',
    );
  });

  it('finds the same day in earlier years, newest year first, and only real days', async () => {
    const { session, page } = await journal();
    await page.post('y2025', 'last year', { at: '2025-03-01T10:00:00.000Z' });
    await page.post('y2024a', 'two years ago', { at: '2024-03-01T08:00:00.000Z' });
    await page.post('y2024b', 'two years ago, later', { at: '2024-03-01T18:00:00.000Z' });
    await page.post('leap', 'leap day', { at: '2024-02-29T12:00:00.000Z' });
    await page.post('today', 'this year', { at: '2026-03-01T10:00:00.000Z' });
    const found = await session.call('journal.onThisDay', { day: '2026-03-01', timeZone: 'UTC' });
    expect(found.years.map((y) => [y.year, y.messages.map((m) => m.message)])).toStrictEqual([
      [2025, ['y2025']],
      [2024, ['y2024a', 'y2024b']],
    ]);
    const limited = await session.call('journal.onThisDay', { day: '2026-03-01', timeZone: 'UTC', limit: 1 });
    expect(limited.years.map((y) => y.messages.length)).toStrictEqual([1, 1]);
    const leap = await session.call('journal.onThisDay', { day: '2028-02-29', timeZone: 'UTC' });
    expect(leap.years.map((y) => y.year)).toStrictEqual([2024]);
  });

  it('counts entries, words, streaks, tags, weekdays and hours', async () => {
    const { session, page } = await journal();
    // Sun 1, Mon 2, Tue 3 March; then Thu 5 and Fri 6; the longest run is 1–3 March.
    const days = ['01', '02', '03', '05', '06'];
    for (const [i, day] of days.entries()) {
      await page.post(`m${i}`, `day ${day} #daily${i % 2 === 0 ? ' #even' : ''}`, {
        at: `2026-03-${day}T07:15:00.000Z`,
      });
    }
    await page.post('extra', 'second entry on the sixth', { at: '2026-03-06T21:00:00.000Z' });
    const stats = await session.call('journal.statistics', { timeZone: 'UTC' });
    expect(stats.from).toBe('2026-03-01');
    expect(stats.to).toBe('2026-03-06');
    expect(stats.days).toStrictEqual([
      // Tags are words too ("day 01 #daily0 #even" has four).
      { day: '2026-03-01', entries: 1, words: 4 },
      { day: '2026-03-02', entries: 1, words: 3 },
      { day: '2026-03-03', entries: 1, words: 4 },
      { day: '2026-03-05', entries: 1, words: 3 },
      { day: '2026-03-06', entries: 2, words: 9 },
    ]);
    expect(stats.totals).toStrictEqual({ entries: 6, words: 23, activeDays: 5, attachments: 0 });
    expect(stats.streaks.longest).toStrictEqual({ days: 3, from: '2026-03-01', to: '2026-03-03' });
    expect(stats.tags).toStrictEqual([
      { tag: 'daily', count: 5 },
      { tag: 'even', count: 3 },
    ]);
    // Monday first: 1 March 2026 is a Sunday.
    expect(stats.weekdays).toStrictEqual([1, 1, 0, 1, 2, 0, 1]);
    expect(stats.hours[7]).toBe(5);
    expect(stats.hours[21]).toBe(1);
    const range = await session.call('journal.statistics', {
      timeZone: 'UTC',
      from: '2026-03-05',
      to: '2026-03-31',
    });
    expect(range.totals.entries).toBe(3);
    expect(range.to).toBe('2026-03-31');
  });

  it('counts the streak that ends today or yesterday as current', () => {
    const days = ['2026-03-01', '2026-03-02', '2026-03-04', '2026-03-05', '2026-03-06'];
    expect(streaks(days, '2026-03-06').current).toBe(3);
    expect(streaks(days, '2026-03-07').current).toBe(3);
    expect(streaks(days, '2026-03-08').current).toBe(0);
    expect(streaks(days, '2026-03-08').longest).toStrictEqual({
      days: 3,
      from: '2026-03-04',
      to: '2026-03-06',
    });
    expect(streaks([], '2026-03-08')).toStrictEqual({ current: 0, longest: null });
  });

  it('lists tags in use, most used first, with a prefix for completion, leaving deleted messages out', async () => {
    const { session, page } = await journal();
    await page.post('m1', '#work and #walk');
    await page.post('m2', '#work again');
    await page.post('m3', '#weekend', { channel: 'c2' });
    await page.post('m4', '#work deleted');
    await page.command({ type: 'AddTag', message: 'm2', tag: 'Café' });
    await page.command({ type: 'DeleteMessage', message: 'm4' });
    expect(await session.call('journal.tags', {})).toStrictEqual([
      { tag: 'work', count: 2 },
      { tag: 'café', count: 1 },
      { tag: 'walk', count: 1 },
      { tag: 'weekend', count: 1 },
    ]);
    expect(await session.call('journal.tags', { prefix: '#WA' })).toStrictEqual([{ tag: 'walk', count: 1 }]);
    expect(await session.call('journal.tags', { channel: 'c2' })).toStrictEqual([
      { tag: 'weekend', count: 1 },
    ]);
  });
});
