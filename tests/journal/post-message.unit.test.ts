import { describe, expect, it } from 'vitest';
import {
  JOURNAL_EVENT_VERSION as v,
  MAX_ATTACHMENTS,
  MAX_MESSAGE_TEXT_LENGTH,
  type PostMessage,
} from '../../shared/journal/index.js';
import { given } from './given-when-then.js';
import { at, channelArchived, channelCreated, marked, picture, posted, work } from './journal-fixtures.js';

const post = (extra: Partial<PostMessage> = {}): PostMessage => ({
  type: 'PostMessage',
  message: 'm1',
  channel: 'c1',
  text: 'Coffee at the #harbour with #Ana',
  at: at(5),
  ...extra,
});

describe('PostMessage', () => {
  it('posts, with the tags of the text, the command time and no origin', () => {
    given(work)
      .when(post())
      .then({
        type: 'MessagePosted',
        data: {
          v,
          message: 'm1',
          channel: 'c1',
          text: 'Coffee at the #harbour with #Ana',
          tags: ['harbour', 'ana'],
          attachments: [],
          replyTo: null,
          origin: null,
          at: at(5),
        },
      });
  });

  it('posts a picture without text, and keeps an import origin', () => {
    given(work)
      .when(post({ text: '', attachments: [picture], origin: { app: 'telegram', id: '4711' } }))
      .then(
        posted('m1', '', { attachments: [picture], origin: { app: 'telegram', id: '4711' }, minutes: 5 }),
      );
  });

  it('posts a reply to a message of the same channel', () => {
    given(work, posted('m0', 'Question?'))
      .when(post({ text: 'Answer', replyTo: 'm0' }))
      .then(posted('m1', 'Answer', { replyTo: 'm0', minutes: 5 }));
  });

  it('changes nothing when the same post comes again (a retry, or an import run twice)', () => {
    given(work, posted('m1', 'Coffee at the #harbour with #Ana', { tags: ['harbour', 'ana'], minutes: 5 }))
      .when(post())
      .thenNothing();
  });

  it('refuses another post with an id already used', () => {
    given(work, posted('m1', 'Something else'))
      .when(post())
      .thenRefuses('MessageExists', 'A different message with the id m1 already exists');
  });

  it('refuses an unknown channel and an archived one', () => {
    given().when(post()).thenRefuses('UnknownChannel', 'There is no channel with the id c1');
    given(work, channelArchived('c1'))
      .when(post())
      .thenRefuses('ChannelIsArchived', '"Work" is archived and read-only; unarchive it first');
  });

  it('refuses an empty message: no text (or only white space) and no attachment', () => {
    for (const text of ['', '  \n\t ']) {
      given(work).when(post({ text })).thenRefuses('EmptyMessage', 'some text or an attachment');
    }
  });

  it('refuses a text over the limit, saying the limit and the length', () => {
    given(work)
      .when(post({ text: 'x'.repeat(MAX_MESSAGE_TEXT_LENGTH) }))
      .then(posted('m1', 'x'.repeat(MAX_MESSAGE_TEXT_LENGTH), { minutes: 5 }));
    const refusal = given(work)
      .when(post({ text: 'x'.repeat(MAX_MESSAGE_TEXT_LENGTH + 1) }))
      .thenRefuses('MessageTooLong', 'at most 65,536 characters and this one has 65,537');
    expect(refusal.details).toStrictEqual({ length: 65_537, limit: 65_536 });
  });

  it('refuses too many attachments and a malformed one, naming which', () => {
    given(work)
      .when(post({ attachments: Array.from({ length: MAX_ATTACHMENTS + 1 }, () => picture) }))
      .thenRefuses('TooManyAttachments', 'at most 32 attachments and this one has 33');
    given(work)
      .when(post({ attachments: [picture, { ...picture, mediaType: 'application/pdf', name: 'a.pdf' }] }))
      .thenRefuses('InvalidAttachment', 'Attachment 2 (a.pdf): width is only for pictures');
    given(work)
      .when(post({ attachments: [{ ...picture, sha256: 'ABC' }] }))
      .thenRefuses('InvalidCommand', /attachments\[0\]/);
  });

  it('refuses a reply to a missing, deleted or other-channel message', () => {
    given(work)
      .when(post({ replyTo: 'm0' }))
      .thenRefuses('UnknownMessage', 'm0');
    given(work, posted('m0', 'Gone'), marked('MessageDeleted', 3, 'm0'))
      .when(post({ replyTo: 'm0' }))
      .thenRefuses('InvalidReply', 'was deleted');
    given(work, channelCreated('c2', 'Home'), posted('m0', 'Elsewhere', { channel: 'c2' }))
      .when(post({ replyTo: 'm0' }))
      .thenRefuses('InvalidReply', 'stays in the channel');
  });

  it('refuses a malformed id before anything else', () => {
    given(work)
      .when(post({ message: '../etc' }))
      .thenRefuses('InvalidCommand', /PostMessage: message must be 1 to 64 characters/);
  });
});

describe('ids that are names of Object.prototype', () => {
  it('are messages and channels like any other, never found on the prototype', () => {
    for (const id of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      given(work)
        .when(post({ message: id }))
        .then(posted(id, 'Coffee at the #harbour with #Ana', { tags: ['harbour', 'ana'], minutes: 5 }));
      given(work)
        .when({ type: 'DeleteMessage', message: id, at: at(6) })
        .thenRefuses('UnknownMessage');
      given()
        .when(post({ channel: id }))
        .thenRefuses('UnknownChannel');
      given()
        .when({ type: 'CreateChannel', channel: id, name: 'Proto', at: at(0) })
        .then({ type: 'ChannelCreated', data: { v, channel: id, name: 'Proto', at: at(0) } });
    }
  });
});
