import { describe, expect, it } from 'vitest';
import { JOURNAL_EVENT_VERSION as v } from '../../shared/journal/index.js';
import { given } from './given-when-then.js';
import { at, channelArchived, channelCreated, work } from './journal-fixtures.js';

const home = channelCreated('c2', 'Home', 1);
const ideas = channelCreated('c3', 'Ideas', 2);

describe('CreateChannel', () => {
  it('creates a channel with its name trimmed', () => {
    given()
      .when({ type: 'CreateChannel', channel: 'c1', name: '  Work ', at: at(0) })
      .then({ type: 'ChannelCreated', data: { v, channel: 'c1', name: 'Work', at: at(0) } });
  });

  it('changes nothing when retried with the same id and name', () => {
    given(work)
      .when({ type: 'CreateChannel', channel: 'c1', name: 'Work', at: at(5) })
      .thenNothing();
  });

  it('refuses an id that another channel has', () => {
    given(work)
      .when({ type: 'CreateChannel', channel: 'c1', name: 'Play', at: at(5) })
      .thenRefuses('ChannelExists', /id c1 already exists \("Work"\)/);
  });

  it('refuses a name another channel has, ignoring case, archived ones included', () => {
    given(work)
      .when({ type: 'CreateChannel', channel: 'c2', name: 'WORK', at: at(5) })
      .thenRefuses('ChannelNameTaken', 'already a channel named "Work"');
    given(work, channelArchived('c1'))
      .when({ type: 'CreateChannel', channel: 'c2', name: 'work', at: at(5) })
      .thenRefuses('ChannelNameTaken', '"Work" (archived)');
  });

  it('refuses an empty, over-long or multi-line name', () => {
    for (const name of ['', '   ', 'x'.repeat(101), 'two\nlines', 'tab\there']) {
      given()
        .when({ type: 'CreateChannel', channel: 'c1', name, at: at(0) })
        .thenRefuses('InvalidChannelName', /1 to 100 characters/);
    }
  });

  it('refuses a malformed id or time, naming the field', () => {
    given()
      .when({ type: 'CreateChannel', channel: 'has space', name: 'Work', at: at(0) })
      .thenRefuses('InvalidCommand', /CreateChannel: channel must be 1 to 64 characters/);
    given()
      .when({ type: 'CreateChannel', channel: 'c1', name: 'Work', at: '2026-03-01 08:00' })
      .thenRefuses('InvalidCommand', /CreateChannel: at must be an ISO-8601 UTC time/);
  });
});

describe('RenameChannel', () => {
  it('renames, recording the previous name', () => {
    given(work)
      .when({ type: 'RenameChannel', channel: 'c1', name: 'Office', at: at(9) })
      .then({
        type: 'ChannelRenamed',
        data: { v, channel: 'c1', name: 'Office', previous: 'Work', at: at(9) },
      });
  });

  it('changes nothing for the same name, and lets a channel change the case of its own name', () => {
    given(work)
      .when({ type: 'RenameChannel', channel: 'c1', name: 'Work ', at: at(9) })
      .thenNothing();
    given(work)
      .when({ type: 'RenameChannel', channel: 'c1', name: 'WORK', at: at(9) })
      .then({
        type: 'ChannelRenamed',
        data: { v, channel: 'c1', name: 'WORK', previous: 'Work', at: at(9) },
      });
  });

  it('refuses an unknown channel, a taken name and an invalid name', () => {
    given()
      .when({ type: 'RenameChannel', channel: 'c9', name: 'X', at: at(9) })
      .thenRefuses('UnknownChannel', 'c9');
    given(work, home)
      .when({ type: 'RenameChannel', channel: 'c2', name: 'work', at: at(9) })
      .thenRefuses('ChannelNameTaken');
    given(work)
      .when({ type: 'RenameChannel', channel: 'c1', name: ' ', at: at(9) })
      .thenRefuses('InvalidChannelName');
  });
});

describe('ArchiveChannel and UnarchiveChannel', () => {
  it('archives and unarchives', () => {
    given(work)
      .when({ type: 'ArchiveChannel', channel: 'c1', at: at(9) })
      .then({ type: 'ChannelArchived', data: { v, channel: 'c1', at: at(9) } });
    given(work, channelArchived('c1'))
      .when({ type: 'UnarchiveChannel', channel: 'c1', at: at(9) })
      .then({ type: 'ChannelUnarchived', data: { v, channel: 'c1', at: at(9) } });
  });

  it('refuses to archive an archived channel or unarchive one that is not', () => {
    given(work, channelArchived('c1'))
      .when({ type: 'ArchiveChannel', channel: 'c1', at: at(9) })
      .thenRefuses('ChannelIsArchived', '"Work" is already archived');
    given(work)
      .when({ type: 'UnarchiveChannel', channel: 'c1', at: at(9) })
      .thenRefuses('ChannelNotArchived', '"Work" is not archived');
  });

  it('refuses an unknown channel', () => {
    given()
      .when({ type: 'ArchiveChannel', channel: 'c1', at: at(9) })
      .thenRefuses('UnknownChannel');
    given()
      .when({ type: 'UnarchiveChannel', channel: 'c1', at: at(9) })
      .thenRefuses('UnknownChannel');
  });
});

describe('ReorderChannels', () => {
  it('puts the listed channels first and keeps the others in their order, recording the whole order', () => {
    given(work, home, ideas)
      .when({ type: 'ReorderChannels', order: ['c3'], at: at(9) })
      .then({ type: 'ChannelsReordered', data: { v, order: ['c3', 'c1', 'c2'], at: at(9) } });
  });

  it('changes nothing when the order stays the same', () => {
    given(work, home, ideas)
      .when({ type: 'ReorderChannels', order: ['c1', 'c2'], at: at(9) })
      .thenNothing();
  });

  it('refuses an unknown channel and a channel named twice', () => {
    given(work, home)
      .when({ type: 'ReorderChannels', order: ['c2', 'c7'], at: at(9) })
      .thenRefuses('UnknownChannel', 'c7');
    const refusal = given(work, home)
      .when({ type: 'ReorderChannels', order: ['c2', 'c1', 'c2'], at: at(9) })
      .thenRefuses('InvalidCommand', 'names the channel c2 twice');
    expect(refusal.details).toStrictEqual({ channel: 'c2' });
  });
});
