import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../../shared/journal/index.js';
import { JournalCommandHandler } from '../../electron/journal/index.js';
import { useApiFixture, type SessionUnderTest } from '../api/api-session-fixture.js';
import { at, JournalPage } from './journal-session.js';

const fixture = useApiFixture();

async function journalFolder(): Promise<{ dir: string; page: JournalPage; session: SessionUnderTest }> {
  const dir = await fixture.folder();
  const session = await fixture.opened(dir);
  const page = new JournalPage(session);
  await page.channel('c1', 'Journal');
  return { dir, page, session };
}

/** Every message of a channel, paging up from the newest as the chat view does. */
async function scrollToTop(session: SessionUnderTest, channel: string, limit: number) {
  const pages: MessagePage[] = [];
  let page = await session.call('journal.messages', { channel, page: { kind: 'latest' }, limit });
  pages.push(page);
  while (page.older !== null) {
    page = await session.call('journal.messages', {
      channel,
      page: { kind: 'older', cursor: page.older },
      limit,
    });
    pages.push(page);
  }
  return { pages, texts: pages.reverse().flatMap((p) => p.messages.map((m) => m.text)) };
}

describe('the journal through the contract: status, commands, channels and pages', () => {
  it('says whether the folder is a journal, before and after its first channel', async () => {
    const dir = await fixture.folder();
    const session = await fixture.opened(dir);
    const before = await session.call('journal.status', undefined);
    expect(before).toMatchObject({ isJournal: false, channels: 0, messages: 0 });
    expect((await session.call('folder.current', undefined))?.journal).toBe(false);
    const page = new JournalPage(session);
    await page.channel('c1', 'Journal');
    await page.post('m1', 'hello');
    const after = await session.call('journal.status', undefined);
    expect(after).toMatchObject({ isJournal: true, channels: 1, messages: 1, unreadable: { count: 0 } });
    expect(after.readModels).toStrictEqual([
      { name: 'journal', state: 'live', position: 2, lastPosition: 2, error: null },
    ]);
    expect((await session.call('folder.current', undefined))?.journal).toBe(true);
  });

  it('posts, lists the channel with its counts and last message, and answers the newest page', async () => {
    const { page, session } = await journalFolder();
    const posted = await page.post('m1', 'Coffee by the harbour with **#Ana**');
    expect(posted.positions).toStrictEqual({ first: 2, last: 2 });
    expect(posted.message).toMatchObject({
      message: 'm1',
      text: 'Coffee by the harbour with **#Ana**',
      tags: ['ana'],
    });
    await page.post('m2', 'It was late', { replyTo: 'm1' });
    await page.command({ type: 'PinMessage', message: 'm1' });

    const channels = await session.call('journal.channels', {});
    expect(channels).toStrictEqual([
      {
        channel: 'c1',
        name: 'Journal',
        archived: false,
        messages: 2,
        pinned: 1,
        lastActivity: at(3),
        lastMessage: { message: 'm2', excerpt: 'It was late', attachments: 0, at: at(3) },
        createdAt: at(1),
      },
    ]);
    const latest = await session.call('journal.messages', { channel: 'c1', page: { kind: 'latest' } });
    expect(latest).toMatchObject({ older: null, newer: null, total: 2, anchor: null });
    expect(latest.messages.map((m) => m.message)).toStrictEqual(['m1', 'm2']);
    expect(latest.messages[0]).toMatchObject({ pinned: true, replies: 1, version: 1, editedAt: null });
    expect(latest.messages[1]?.replyTo).toStrictEqual({
      message: 'm1',
      exists: true,
      deleted: false,
      excerpt: 'Coffee by the harbour with #Ana',
      attachments: 0,
      at: at(2),
    });
  });

  it('pages up through a channel without losing or repeating a message, in the order of their times', async () => {
    const { page, session } = await journalFolder();
    // Posted out of order, as an import of old entries is: the channel is ordered by each message's time.
    const minutes = [5, 3, 9, 1, 7, 2, 8, 4, 6, 10, 12, 11];
    for (const [i, minute] of minutes.entries())
      await page.post(`m${i}`, `entry ${minute}`, { at: at(100 + minute) });
    const { pages, texts } = await scrollToTop(session, 'c1', 5);
    expect(texts).toStrictEqual([...minutes].sort((a, b) => a - b).map((minute) => `entry ${minute}`));
    expect(pages.map((p) => p.messages.length)).toStrictEqual([2, 5, 5]);
    expect(pages.every((p) => p.total === 12)).toBe(true);
  });

  it('keeps a cursor valid when messages are deleted or added meanwhile, and skips deleted messages', async () => {
    const { page, session } = await journalFolder();
    for (let i = 1; i <= 10; i++) await page.post(`m${i}`, `entry ${i}`, { at: at(100 + i) });
    const newest = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'latest' },
      limit: 4,
    });
    expect(newest.messages.map((m) => m.text)).toStrictEqual(['entry 7', 'entry 8', 'entry 9', 'entry 10']);
    await page.command({ type: 'DeleteMessage', message: 'm6' });
    await page.command({ type: 'DeleteMessage', message: 'm7' });
    await page.post('m11', 'entry 11', { at: at(200) });
    const older = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'older', cursor: newest.older! },
      limit: 4,
    });
    expect(older.messages.map((m) => m.text)).toStrictEqual(['entry 2', 'entry 3', 'entry 4', 'entry 5']);
    expect(older.total).toBe(9);
    const newer = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'newer', cursor: older.newer! },
      limit: 4,
    });
    expect(newer.messages.map((m) => m.text)).toStrictEqual(['entry 8', 'entry 9', 'entry 10', 'entry 11']);
    expect(newer.newer).toBeNull();
  });

  it('jumps to a message (around it) and to a time (from the first message at or after it)', async () => {
    const { page, session } = await journalFolder();
    for (let i = 1; i <= 30; i++) await page.post(`m${i}`, `entry ${i}`, { at: at(100 + i * 60) });
    const around = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'around', message: 'm10' },
      limit: 5,
    });
    expect(around.messages.map((m) => m.message)).toStrictEqual(['m8', 'm9', 'm10', 'm11', 'm12']);
    expect(around.anchor).toBe('m10');
    expect(around.older).not.toBeNull();
    expect(around.newer).not.toBeNull();

    const atTime = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'at', time: at(100 + 4 * 60 + 30) },
      limit: 3,
    });
    expect(atTime.messages.map((m) => m.message)).toStrictEqual(['m5', 'm6', 'm7']);
    expect(atTime.anchor).toBe('m5');
    // Near the end the page is the last one, still pointing at the message jumped to.
    const nearEnd = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'at', time: at(100 + 29 * 60) },
      limit: 4,
    });
    expect(nearEnd.messages.map((m) => m.message)).toStrictEqual(['m27', 'm28', 'm29', 'm30']);
    expect(nearEnd.anchor).toBe('m29');
  });

  it('refuses with codes a page can act on: an unknown channel or message, a bad cursor, a refusal of the journal', async () => {
    const { page, session } = await journalFolder();
    await page.channel('c2', 'Other');
    await page.post('m1', 'hello');
    expect(await session.refusalCode('journal.messages', { channel: 'nope', page: { kind: 'latest' } })).toBe(
      'UnknownChannel',
    );
    const other = await session.refusal('journal.messages', {
      channel: 'c2',
      page: { kind: 'around', message: 'm1' },
    });
    expect(other).toMatchObject({ code: 'UnknownMessage', message: 'The message m1 is in another channel' });
    const cursor = await session.refusal('journal.messages', {
      channel: 'c1',
      page: { kind: 'older', cursor: 'made-up' },
    });
    expect(cursor).toMatchObject({
      code: 'BadRequest',
      message: 'journal.messages: page.cursor must be a cursor from an earlier page (its `older` or `newer`)',
    });
    expect(await session.refusalCode('journal.message', { message: 'missing' })).toBe('UnknownMessage');
    await page.command({ type: 'DeleteMessage', message: 'm1' });
    const deleted = await session.refusal('journal.command', {
      type: 'EditMessage',
      message: 'm1',
      edit: 'e1',
      baseVersion: 1,
      text: 'changed',
      at: at(50),
    });
    expect(deleted).toStrictEqual({
      code: 'MessageIsDeleted',
      message: 'This message is deleted; restore it first to change it',
      details: { message: 'm1' },
    });
  });

  it('edits, deletes and restores: the pages and the message follow, and a lost edit shows both texts', async () => {
    const { dir, page, session } = await journalFolder();
    await page.post('m1', 'first text');
    const edited = await page.command({
      type: 'EditMessage',
      message: 'm1',
      edit: 'e1',
      baseVersion: 1,
      text: 'second text',
    });
    expect(edited.message).toMatchObject({ text: 'second text', version: 2, editedAt: at(3) });
    // Another writer (a second process) edits from the same version the page still shows.
    const other = await fixture.writer(dir);
    await new JournalCommandHandler(other).handle({
      type: 'EditMessage',
      message: 'm1',
      edit: 'e2',
      baseVersion: 2,
      text: 'their text',
      at: at(4),
    });
    const lost = await session.call('journal.command', {
      type: 'EditMessage',
      message: 'm1',
      edit: 'e3',
      baseVersion: 2,
      text: 'my text',
      at: at(5),
    });
    expect(lost.conflict).toBe(true);
    expect(lost.message?.text).toBe('their text');
    expect(lost.message?.conflicts.map((c) => c.text)).toStrictEqual(['my text']);

    await page.command({ type: 'DeleteMessage', message: 'm1' });
    const empty = await session.call('journal.messages', { channel: 'c1', page: { kind: 'latest' } });
    expect(empty).toMatchObject({ messages: [], total: 0 });
    expect(await session.call('journal.message', { message: 'm1' })).toMatchObject({ deleted: true });
    await page.command({ type: 'RestoreMessage', message: 'm1' });
    const back = await session.call('journal.messages', { channel: 'c1', page: { kind: 'latest' } });
    expect(back.messages.map((m) => m.text)).toStrictEqual(['their text']);
  });

  it('pushes journal.changed to every window on the folder once the views have the events, naming what changed', async () => {
    const { dir, page, session } = await journalFolder();
    const second = await fixture.opened(dir);
    await second.call('journal.status', undefined);
    await page.post('m1', 'from the first window');
    const pushed = await second.waitForPush(
      'journal.changed',
      (p) => p.messages.includes('m1'),
      'the post reaches the second window',
    );
    expect(pushed).toMatchObject({ channels: ['c1'], messages: ['m1'], more: false });
    // Right after the push, the second window's pages already show it.
    const latest = await second.call('journal.messages', { channel: 'c1', page: { kind: 'latest' } });
    expect(latest.messages.map((m) => m.text)).toStrictEqual(['from the first window']);

    // An append by another process arrives through the watcher.
    const other = await fixture.writer(dir);
    await new JournalCommandHandler(other).handle({
      type: 'PostMessage',
      message: 'm2',
      channel: 'c1',
      text: 'from another process',
      at: at(30),
    });
    await session.waitForPush(
      'journal.changed',
      (p) => p.messages.includes('m2'),
      'the other process’s post arrives',
    );
    const both = await session.call('journal.messages', { channel: 'c1', page: { kind: 'latest' } });
    expect(both.messages.map((m) => m.text)).toStrictEqual(['from the first window', 'from another process']);
  });

  it('catches up a journal as its folder opens, telling the window how far it is', async () => {
    const events = [
      {
        stream: 'journal-channels',
        type: 'ChannelCreated',
        data: { v: 1, channel: 'c1', name: 'Journal', at: at(0) },
      },
      ...Array.from({ length: 2500 }, (_, i) => ({
        stream: `message-m${i}`,
        type: 'MessagePosted',
        data: {
          v: 1,
          message: `m${i}`,
          channel: 'c1',
          text: `entry ${i}`,
          tags: [],
          attachments: [],
          replyTo: null,
          origin: null,
          at: at(i),
        },
      })),
    ];
    const dir = await fixture.folder(events);
    const session = await fixture.opened(dir);
    const page = await session.call('journal.messages', {
      channel: 'c1',
      page: { kind: 'latest' },
      limit: 3,
    });
    expect(page).toMatchObject({ total: 2500 });
    expect(page.messages.map((m) => m.text)).toStrictEqual(['entry 2497', 'entry 2498', 'entry 2499']);
    const progress = session.pushed('journal.progress');
    expect(progress[0]).toStrictEqual({ readModel: 'journal', done: 0, total: 2501 });
    expect(progress.every((p) => p.readModel === 'journal' && p.done <= p.total)).toBe(true);
  });

  it('answers as of a moment: later posts absent, later edits undone, later deletes back', async () => {
    const { page, session } = await journalFolder();
    await page.post('m1', 'kept as it was', { at: at(10) });
    await page.post('m2', 'deleted later', { at: at(11) });
    await page.command({
      type: 'EditMessage',
      message: 'm1',
      edit: 'e1',
      baseVersion: 1,
      text: 'edited later',
      at: at(20),
    });
    await page.command({ type: 'DeleteMessage', message: 'm2', at: at(21) });
    await page.post('m3', 'posted later', { at: at(22) });
    // An imported entry, appended last but dated before the moment, is there.
    await page.post('m0', 'imported, dated earlier', { at: at(5) });

    const asOf = at(15);
    const past = await session.call('journal.messages', { channel: 'c1', page: { kind: 'latest' }, asOf });
    expect(past.messages.map((m) => [m.message, m.text, m.version])).toStrictEqual([
      ['m0', 'imported, dated earlier', 1],
      ['m1', 'kept as it was', 1],
      ['m2', 'deleted later', 1],
    ]);
    expect(await session.call('journal.message', { message: 'm2', asOf })).toMatchObject({ deleted: false });
    expect(await session.refusalCode('journal.message', { message: 'm3', asOf })).toBe('UnknownMessage');
    const [channel] = await session.call('journal.channels', { asOf });
    expect(channel).toMatchObject({ messages: 3, lastMessage: { message: 'm2' } });
    // The live views were not disturbed.
    const now = await session.call('journal.messages', { channel: 'c1', page: { kind: 'latest' } });
    expect(now.messages.map((m) => m.text)).toStrictEqual([
      'imported, dated earlier',
      'edited later',
      'posted later',
    ]);
  });
});
