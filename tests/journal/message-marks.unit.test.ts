import { describe, it } from 'vitest';
import {
  JOURNAL_EVENT_VERSION as v,
  type JournalCommand,
  type MessageEvent,
} from '../../shared/journal/index.js';
import { given } from './given-when-then.js';
import { at, channelArchived, marked, posted, work } from './journal-fixtures.js';

const message = posted('m1', 'Walked to the #sea');
const about = { v, message: 'm1', channel: 'c1', at: at(10) } as const;
const on = <T extends JournalCommand['type']>(type: T, extra: object = {}) =>
  ({ type, message: 'm1', at: at(10), ...extra }) as Extract<JournalCommand, { type: T }>;
const reacted = (emoji: string): MessageEvent => ({ type: 'ReactionAdded', data: { ...about, emoji } });
const tagged = (tag: string): MessageEvent => ({ type: 'TagAdded', data: { ...about, tag } });

/** What every command on a message refuses, whatever it does. */
function refusesOnUnusableMessages(command: JournalCommand): void {
  given(work).when(command).thenRefuses('UnknownMessage', 'There is no message with the id m1');
  given(work, message, marked('MessageDeleted')).when(command).thenRefuses('MessageIsDeleted');
  given(work, message, channelArchived('c1', 3)).when(command).thenRefuses('ChannelIsArchived');
}

describe('DeleteMessage and RestoreMessage', () => {
  it('deletes, and restores a deleted message', () => {
    given(work, message).when(on('DeleteMessage')).then({ type: 'MessageDeleted', data: about });
    given(work, message, marked('MessageDeleted'))
      .when(on('RestoreMessage'))
      .then({ type: 'MessageRestored', data: about });
  });

  it('refuses to delete a deleted message, an unknown one, or one in an archived channel', () => {
    refusesOnUnusableMessages(on('DeleteMessage'));
  });

  it('refuses to restore a message that is not deleted, or in an archived channel', () => {
    given(work, message).when(on('RestoreMessage')).thenRefuses('MessageNotDeleted', 'is not deleted');
    given(work).when(on('RestoreMessage')).thenRefuses('UnknownMessage');
    given(work, message, marked('MessageDeleted'), channelArchived('c1', 4))
      .when(on('RestoreMessage'))
      .thenRefuses('ChannelIsArchived');
  });
});

describe('PinMessage and UnpinMessage', () => {
  it('pins and unpins', () => {
    given(work, message).when(on('PinMessage')).then({ type: 'MessagePinned', data: about });
    given(work, message, marked('MessagePinned'))
      .when(on('UnpinMessage'))
      .then({ type: 'MessageUnpinned', data: about });
  });

  it('changes nothing when the message already is (or is not) pinned', () => {
    given(work, message, marked('MessagePinned')).when(on('PinMessage')).thenNothing();
    given(work, message).when(on('UnpinMessage')).thenNothing();
  });

  it('refuses to pin or unpin a deleted, unknown or archived message', () => {
    refusesOnUnusableMessages(on('PinMessage'));
    refusesOnUnusableMessages(on('UnpinMessage'));
  });
});

describe('AddReaction and RemoveReaction', () => {
  it('adds and removes an emoji, keeping skin tones and joined sequences as given', () => {
    for (const emoji of ['👍', '👍🏽', '❤️', '👩‍👩‍👧', '🇳🇴', '1️⃣']) {
      given(work, message).when(on('AddReaction', { emoji })).then(reacted(emoji));
      given(work, message, reacted(emoji))
        .when(on('RemoveReaction', { emoji }))
        .then({ type: 'ReactionRemoved', data: { ...about, emoji } });
    }
  });

  it('changes nothing for the same emoji twice, or removing one that is not there', () => {
    given(work, message, reacted('👍'))
      .when(on('AddReaction', { emoji: '👍' }))
      .thenNothing();
    given(work, message, reacted('👍'))
      .when(on('RemoveReaction', { emoji: '👍🏽' }))
      .thenNothing();
  });

  it('refuses what is not an emoji', () => {
    for (const emoji of ['', 'ok', '1', ' 👍', '👍 ', '#', ':thumbsup:', '👍'.repeat(17)]) {
      given(work, message).when(on('AddReaction', { emoji })).thenRefuses('InvalidEmoji', 'one emoji');
    }
  });

  it('refuses on a deleted, unknown or archived message', () => {
    refusesOnUnusableMessages(on('AddReaction', { emoji: '🎉' }));
    refusesOnUnusableMessages(on('RemoveReaction', { emoji: '🎉' }));
  });
});

describe('AddTag and RemoveTag', () => {
  it('adds a tag by hand, normalised, and removes it', () => {
    given(work, message)
      .when(on('AddTag', { tag: '#Travel' }))
      .then(tagged('travel'));
    given(work, message, tagged('travel'))
      .when(on('RemoveTag', { tag: 'TRAVEL' }))
      .then({ type: 'TagRemoved', data: { ...about, tag: 'travel' } });
  });

  it('changes nothing for a tag the message has (by hand or in its text), or removing one it lacks', () => {
    given(work, message, tagged('travel'))
      .when(on('AddTag', { tag: 'travel' }))
      .thenNothing();
    given(work, posted('m1', 'At the #sea', { tags: ['sea'] }))
      .when(on('AddTag', { tag: 'sea' }))
      .thenNothing();
    given(work, message)
      .when(on('RemoveTag', { tag: 'other' }))
      .thenNothing();
  });

  it('refuses to remove a tag written in the text', () => {
    given(work, posted('m1', 'At the #sea', { tags: ['sea'] }))
      .when(on('RemoveTag', { tag: 'sea' }))
      .thenRefuses('TagInText', '#sea is written in the message; edit the text to remove it');
  });

  it('refuses what is not a tag, and more than 64 tags by hand', () => {
    for (const tag of ['', '#', '12', 'two words', 'a/b', 'x'.repeat(65)]) {
      given(work, message).when(on('AddTag', { tag })).thenRefuses('InvalidTag', 'is not a tag');
    }
    const many = Array.from({ length: 64 }, (_, i) => tagged(`t${i}`));
    given(work, message, ...many)
      .when(on('AddTag', { tag: 'one-more' }))
      .thenRefuses('TooManyTags', 'at most 64');
  });

  it('refuses on a deleted, unknown or archived message', () => {
    refusesOnUnusableMessages(on('AddTag', { tag: 'x' }));
    refusesOnUnusableMessages(on('RemoveTag', { tag: 'x' }));
  });
});
