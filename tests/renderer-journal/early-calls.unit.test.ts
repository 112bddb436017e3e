import { describe, expect, it } from 'vitest';
import { callKey, EarlyCalls } from '../../renderer/src/lib/api/early-calls.js';
import { ChatView } from '../../renderer/src/lib/journal/chat-view.svelte.js';
import { journalFirstCalls } from '../../renderer/src/lib/journal/first-screen.js';
import { journalHome, type JournalRoute } from '../../renderer/src/lib/journal/journal-route.js';
import { JournalSession } from '../../renderer/src/lib/journal/journal-session.svelte.js';
import { journalFixture, settle } from './journal-fixture.js';

const channelRoute = (channel: string, more: Partial<JournalRoute> = {}): JournalRoute => ({
  ...journalHome,
  channel,
  ...more,
});

/** The journal's view started on `route` over an api whose first calls went out ahead. */
async function startEarly(route: JournalRoute) {
  const journal = journalFixture();
  const channel = journal.channel('c1', 'Journal');
  journal.posts(channel, 120);
  const early = new EarlyCalls(journal.api, journalFirstCalls(route));
  const asked = journal.api.calls.length;
  const session = new JournalSession(early, { timeZone: 'Europe/Oslo' });
  const view = new ChatView(session);
  await view.start(route);
  return { journal, view, asked, sentLater: journal.api.calls.slice(asked) };
}

describe('the first requests of the journal, sent with the connection', () => {
  it("are the very requests the view makes when it opens a channel's newest messages: none is asked twice", async () => {
    const { view, asked, sentLater } = await startEarly(channelRoute('c1'));
    expect(asked).toBe(3);
    expect(sentLater).toEqual([]);
    expect(view.chat.messages).toHaveLength(50);
    expect(view.chat.messages.at(-1)?.message).toBe('m119');
    expect(view.channels.channels.map((channel) => channel.channel)).toEqual(['c1']);
  });

  it('leave out the page when the route names a message, a date or a past moment (the view asks another one)', async () => {
    for (const more of [
      { message: 'm3' },
      { date: '2026-03-01' },
      { asOf: '2026-03-01T10:00:00.000Z' },
    ] as const) {
      const calls = journalFirstCalls(channelRoute('c1', more));
      expect(calls.map((call) => call.name)).toEqual(['journal.channels', 'journal.drafts']);
    }
    const { sentLater } = await startEarly(channelRoute('c1', { message: 'm3' }));
    expect(sentLater.map((call) => call.name)).toEqual(['journal.messages']);
  });

  it('give each answer once: a later call with the same argument asks again', async () => {
    const { journal } = await startEarly(channelRoute('c1'));
    const early = new EarlyCalls(journal.api, [{ name: 'journal.drafts', arg: undefined }]);
    const before = journal.api.calls.length;
    await early.call('journal.drafts', undefined);
    expect(journal.api.calls.length).toBe(before);
    await early.call('journal.drafts', undefined);
    expect(journal.api.calls.length).toBe(before + 1);
  });

  it('are not given for another folder once the page opens one', async () => {
    const { journal } = await startEarly(channelRoute('c1'));
    const early = new EarlyCalls(journal.api, [{ name: 'journal.drafts', arg: undefined }]);
    await early.call('folder.open', { path: '/elsewhere' }).catch(() => undefined);
    const before = journal.api.calls.length;
    await early.call('journal.drafts', undefined);
    expect(journal.api.calls.length).toBe(before + 1);
  });

  it('keep the pushes that came before anyone listened, for the first listener', async () => {
    const { journal } = await startEarly(channelRoute('c1'));
    const early = new EarlyCalls(journal.api, []);
    journal.api.push('app.error', { message: 'The folder could not be opened' });
    await settle();
    const heard: string[] = [];
    early.on('app.error', ({ message }) => heard.push(message));
    expect(heard).toEqual(['The folder could not be opened']);
    journal.api.push('app.error', { message: 'Later' });
    expect(heard).toEqual(['The folder could not be opened', 'Later']);
    const second: string[] = [];
    early.on('app.error', ({ message }) => second.push(message));
    expect(second).toEqual([]);
  });

  it('match an argument whatever the order of its keys', () => {
    expect(callKey('journal.messages', { a: 1, b: { c: 2, d: [1, { f: 1, e: 2 }] } })).toBe(
      callKey('journal.messages', { b: { d: [1, { e: 2, f: 1 }], c: 2 }, a: 1 }),
    );
    expect(callKey('journal.drafts', undefined)).not.toBe(callKey('journal.channels', undefined));
  });
});
