import { describe, expect, it } from 'vitest';
import { ChatList } from '../../renderer/src/lib/journal/chat-list.svelte.js';
import { at } from './memory-journal.js';
import { journalFixture, settle } from './journal-fixture.js';

function pagesAsked(api: { calls: { name: string }[] }): number {
  return api.calls.filter((call) => call.name === 'journal.messages').length;
}

describe('the message list of a channel', () => {
  it('opens at the newest messages, oldest first, with a separator where each local day starts', async () => {
    const journal = journalFixture({ timeZone: 'Europe/Oslo' });
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 3, { day: '2026-02-28', prefix: 'a' });
    journal.posts(channel, 2, { day: '2026-03-01', prefix: 'b' });
    const list = new ChatList(journal.session, { pageSize: 50 });
    await list.open(channel);

    expect(list.status).toBe('ready');
    expect(list.messages.map((m) => m.message)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
    expect(list.rows.filter((row) => row.startsDay).map((row) => [row.key, row.day])).toEqual([
      ['a0', '2026-02-28'],
      ['b0', '2026-03-01'],
    ]);
    expect(list.atStart && list.atEnd).toBe(true);
    expect(list.following).toBe(true);
  });

  it('uses a newest page asked for ahead (on start, with the channel list) once, for that channel only', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    const other = journal.channel('c2', 'Home');
    journal.posts(channel, 30);
    journal.posts(other, 5, { prefix: 'h' });
    const list = new ChatList(journal.session, { pageSize: 20 });
    list.prefetch(channel);
    await list.open(channel);
    expect(pagesAsked(journal.api)).toBe(1);
    expect(list.messages.map((m) => m.message)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 10}`));
    expect(list.focus?.message).toBe('m29');
    // Taken once: opening it again asks again.
    await list.open(channel);
    expect(pagesAsked(journal.api)).toBe(2);
    // A page asked for ahead of another channel is not shown for this one.
    list.prefetch(channel);
    await list.open(other);
    expect(list.messages.map((m) => m.message)).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
    expect(pagesAsked(journal.api)).toBe(4);
  });

  it('scrolls up to the oldest message a page at a time, holding a bounded window, never the whole channel', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 1000);
    const list = new ChatList(journal.session, { pageSize: 20, maxRows: 120 });
    await list.open(channel);
    expect(list.messages).toHaveLength(20);
    expect(list.messages.at(-1)?.message).toBe('m999');

    let most = 0;
    while (!list.atStart) {
      await list.loadOlder();
      most = Math.max(most, list.messages.length);
    }
    expect(list.messages[0]?.message).toBe('m0');
    expect(most).toBeLessThanOrEqual(120 + 40);
    expect(list.messages.length).toBeLessThanOrEqual(120);
    // 20 first, then 40 a page: 1 + ceil(980 / 40) requests, not one per message and not one for all.
    expect(pagesAsked(journal.api)).toBe(1 + Math.ceil(980 / 40));
    expect(list.atEnd).toBe(false);
    // Order is kept across every page boundary.
    const numbers = list.messages.map((m) => Number(m.message.slice(1)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('jumps around a message, marks it, and loads newer pages back towards now', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 300);
    const list = new ChatList(journal.session, { pageSize: 20 });
    await list.open(channel);
    await list.jumpTo('m100');

    expect(list.focus?.message).toBe('m100');
    expect(list.messages.some((m) => m.message === 'm100')).toBe(true);
    expect(list.atEnd).toBe(false);
    expect(list.following).toBe(false);
    while (!list.atEnd) await list.loadNewer();
    expect(list.messages.at(-1)?.message).toBe('m299');
  });

  it('opens a date at its first message', async () => {
    const journal = journalFixture({ timeZone: 'UTC' });
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 5, { day: '2026-01-10', prefix: 'jan' });
    journal.posts(channel, 5, { day: '2026-02-10', prefix: 'feb' });
    const list = new ChatList(journal.session);
    await list.open(channel, { kind: 'at', time: '2026-02-01T00:00:00.000Z' });
    expect(list.focus?.message).toBe('feb0');
  });

  it('shows a message another writer posts at the bottom, or counts it as unseen while the reader is scrolled up', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 5);
    const list = new ChatList(journal.session);
    const stop = [journal.session.follow(), list.follow()];
    await list.open(channel);

    journal.api.command({ type: 'PostMessage', message: 'cli1', channel, text: 'From the CLI', at: at(30) });
    await settle();
    expect(list.messages.at(-1)?.text).toBe('From the CLI');
    expect(list.focus?.message).toBe('cli1');
    expect(list.total).toBe(6);

    list.following = false;
    journal.api.command({ type: 'PostMessage', message: 'cli2', channel, text: 'Again', at: at(31) });
    await settle();
    expect(list.messages.at(-1)?.message).toBe('cli2');
    expect(list.unseen).toBe(1);
    for (const s of stop) s();
  });

  it('follows edits, deletes and restores made elsewhere, each in its place', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 5);
    const list = new ChatList(journal.session);
    const stop = [journal.session.follow(), list.follow()];
    await list.open(channel);

    journal.api.command({
      type: 'EditMessage',
      message: 'm2',
      edit: 'e1',
      baseVersion: 1,
      text: 'Changed',
      at: at(40),
    });
    await settle();
    expect(list.messages.find((m) => m.message === 'm2')).toMatchObject({ text: 'Changed', version: 2 });

    journal.api.command({ type: 'DeleteMessage', message: 'm2', at: at(41) });
    await settle();
    expect(list.messages.map((m) => m.message)).toEqual(['m0', 'm1', 'm3', 'm4']);

    journal.api.command({ type: 'RestoreMessage', message: 'm2', at: at(42) });
    await settle();
    expect(list.messages.map((m) => m.message)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    for (const s of stop) s();
  });

  it('ignores changes to other channels and drops answers for a channel it has left', async () => {
    const journal = journalFixture();
    const one = journal.channel('c1', 'One');
    const two = journal.channel('c2', 'Two');
    journal.posts(one, 3, { prefix: 'one' });
    journal.posts(two, 3, { prefix: 'two' });
    const list = new ChatList(journal.session);
    let release!: () => void;
    journal.api.gate = new Promise((resolve) => (release = resolve));
    const first = list.open(one);
    const second = list.open(two);
    journal.api.gate = null;
    release();
    await Promise.all([first, second]);
    expect(list.channel).toBe(two);
    expect(list.messages.map((m) => m.message)).toEqual(['two0', 'two1', 'two2']);
  });

  it('reads the journal as of a moment: later posts absent, later edits undone, later deletes back', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 3);
    journal.api.command({
      type: 'EditMessage',
      message: 'm0',
      edit: 'e1',
      baseVersion: 1,
      text: 'Edited later',
      at: at(100),
    });
    journal.api.command({ type: 'DeleteMessage', message: 'm1', at: at(101) });
    journal.api.command({ type: 'PostMessage', message: 'late', channel, text: 'Later', at: at(102) });
    journal.session.asOf = at(50);
    const list = new ChatList(journal.session);
    await list.open(channel);
    expect(list.messages.map((m) => [m.message, m.text])).toEqual([
      ['m0', 'Message 0'],
      ['m1', 'Message 1'],
      ['m2', 'Message 2'],
    ]);
    const asked = journal.api.calls.find((call) => call.name === 'journal.messages');
    expect(asked?.arg).toMatchObject({ asOf: at(50) });
  });

  it('says what went wrong when the channel cannot be read', async () => {
    const journal = journalFixture();
    const list = new ChatList(journal.session);
    await list.open('nowhere');
    expect(list.status).toBe('error');
    expect(list.error).toMatch(/nowhere/);
  });
});
