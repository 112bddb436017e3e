import { describe, expect, it } from 'vitest';
import { ChannelList, movedOrder } from '../../renderer/src/lib/journal/channel-list.svelte.js';
import type { ChannelSummary } from '../../shared/journal/views.js';
import { at } from './memory-journal.js';
import { journalFixture, settle } from './journal-fixture.js';

const summary = (channel: string, archived = false): ChannelSummary => ({
  channel,
  name: channel,
  archived,
  messages: 0,
  pinned: 0,
  lastActivity: null,
  lastMessage: null,
  createdAt: at(0),
});

describe('channel order', () => {
  it('moves a channel among its kind and keeps the archive after the active channels', () => {
    const channels = [summary('a'), summary('b'), summary('c'), summary('x', true), summary('y', true)];
    expect(movedOrder(channels, 'b', -1)).toEqual(['b', 'a', 'c', 'x', 'y']);
    expect(movedOrder(channels, 'b', 1)).toEqual(['a', 'c', 'b', 'x', 'y']);
    expect(movedOrder(channels, 'y', -1)).toEqual(['a', 'b', 'c', 'y', 'x']);
    expect(movedOrder(channels, 'a', -1)).toBeNull();
    expect(movedOrder(channels, 'c', 1)).toBeNull();
    expect(movedOrder(channels, 'nope', 1)).toBeNull();
  });
});

describe('the channel list', () => {
  it('creates, renames, archives, unarchives and reorders channels through journal commands', async () => {
    const journal = journalFixture();
    const list = new ChannelList(journal.session);
    await list.load();
    const work = await list.create('Work');
    const travel = await list.create('Travel');
    expect(list.active.map((c) => c.name)).toEqual(['Work', 'Travel']);

    await list.rename(travel, 'Trips');
    await list.move(travel, -1);
    expect(list.active.map((c) => c.name)).toEqual(['Trips', 'Work']);

    await list.archive(work);
    expect(list.active.map((c) => c.name)).toEqual(['Trips']);
    expect(list.archived.map((c) => c.name)).toEqual(['Work']);
    await list.unarchive(work);
    expect(list.archived).toEqual([]);
    expect(journal.api.log.map(({ event }) => event.type)).toEqual([
      'ChannelCreated',
      'ChannelCreated',
      'ChannelRenamed',
      'ChannelsReordered',
      'ChannelArchived',
      'ChannelUnarchived',
    ]);
  });

  it('refuses a name another channel has, with the journal’s reason', async () => {
    const journal = journalFixture();
    const list = new ChannelList(journal.session);
    await list.create('Work');
    await expect(list.create('work')).rejects.toMatchObject({ code: 'ChannelNameTaken' });
  });

  it('keeps counts and last messages current while others write', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    const list = new ChannelList(journal.session);
    const stops = [journal.session.follow(), list.follow()];
    await list.load();
    expect(list.channels[0]).toMatchObject({ messages: 0, lastMessage: null });
    journal.posts(channel, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle();
    expect(list.channels[0]).toMatchObject({ messages: 2, lastMessage: { excerpt: 'Message 1' } });
    for (const stop of stops) stop();
  });
});
