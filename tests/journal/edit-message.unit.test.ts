import { describe, it } from 'vitest';
import {
  JOURNAL_EVENT_VERSION as v,
  type EditMessage,
  type MessageEvent,
} from '../../shared/journal/index.js';
import { given } from './given-when-then.js';
import { at, channelArchived, edited, marked, picture, posted, work } from './journal-fixtures.js';

const original = posted('m1', 'Fisrt draft');
const edit = (extra: Partial<EditMessage> = {}): EditMessage => ({
  type: 'EditMessage',
  message: 'm1',
  edit: 'e1',
  baseVersion: 1,
  text: 'First draft #fixed',
  at: at(10),
  ...extra,
});

function conflicted(editId: string, text: string, baseVersion: number, version: number): MessageEvent {
  return {
    type: 'MessageEditConflicted',
    data: {
      v,
      message: 'm1',
      channel: 'c1',
      text,
      tags: [],
      attachments: [],
      edit: editId,
      baseVersion,
      version,
      at: at(10),
    },
  };
}

describe('EditMessage', () => {
  it('replaces the text, with its tags, as version 2 based on 1', () => {
    given(work, original)
      .when(edit())
      .then(edited('e1', 'First draft #fixed', 2, 10, { tags: ['fixed'] }));
  });

  it('keeps the attachments when none are given, and replaces them when they are', () => {
    const withPicture = posted('m1', 'Look', { attachments: [picture] });
    given(work, withPicture)
      .when(edit({ text: 'Look!' }))
      .then(edited('e1', 'Look!', 2, 10, { attachments: [picture] }));
    given(work, withPicture)
      .when(edit({ text: 'Look', attachments: [] }))
      .then(edited('e1', 'Look', 2, 10));
  });

  it('changes nothing when retried with the same edit id, even after later edits', () => {
    given(
      work,
      original,
      edited('e1', 'First draft #fixed', 2, 10, { tags: ['fixed'] }),
      edited('e2', 'Third', 3),
    )
      .when(edit())
      .thenNothing();
  });

  it('changes nothing when the content is already what the edit says', () => {
    given(work, original)
      .when(edit({ text: 'Fisrt draft' }))
      .thenNothing();
  });

  it('records an edit based on an older version as a conflict, keeping its text and the current one', () => {
    given(work, original, edited('e0', 'First draft (window A)', 2))
      .when(edit({ text: 'First draft (window B)' }))
      .then(conflicted('e1', 'First draft (window B)', 1, 2));
  });

  it('does not count a stale edit that says what the message already says as a conflict', () => {
    given(work, original, edited('e0', 'Same words', 2))
      .when(edit({ text: 'Same words' }))
      .thenNothing();
  });

  it('settles conflicts it names, and dismisses them when its text is already current', () => {
    const history = [work, original, edited('e0', 'A', 2), conflicted('e1', 'B', 1, 2)] as const;
    given(...history)
      .when(edit({ edit: 'e2', baseVersion: 2, text: 'B', resolves: ['e1'] }))
      .then(edited('e2', 'B', 3, 10, { resolves: ['e1'] }));
    given(...history)
      .when(edit({ edit: 'e2', baseVersion: 2, text: 'A', resolves: ['e1'] }))
      .then({
        type: 'MessageEditConflictDismissed',
        data: { v, message: 'm1', channel: 'c1', edit: 'e1', at: at(10) },
      });
    given(...history)
      .when(edit({ edit: 'e2', baseVersion: 2, text: 'C', resolves: ['e9'] }))
      .thenRefuses('UnknownConflict', 'no conflicting edit e9');
  });

  it('refuses a base version the message never had', () => {
    given(work, original)
      .when(edit({ baseVersion: 3 }))
      .thenRefuses('InvalidBaseVersion', 'starts from version 3, but the message has only 1');
    given(work, original)
      .when(edit({ baseVersion: 0 }))
      .thenRefuses('InvalidCommand', /baseVersion/);
  });

  it('refuses to edit a deleted message, in an archived channel, or an unknown one', () => {
    given(work, original, marked('MessageDeleted'))
      .when(edit())
      .thenRefuses('MessageIsDeleted', 'restore it first');
    given(work, original, channelArchived('c1', 3)).when(edit()).thenRefuses('ChannelIsArchived');
    given(work).when(edit()).thenRefuses('UnknownMessage', 'm1');
  });

  it('refuses to empty a message or make it too long', () => {
    given(work, original)
      .when(edit({ text: ' ' }))
      .thenRefuses('EmptyMessage');
    given(work, original)
      .when(edit({ text: 'y'.repeat(70_000) }))
      .thenRefuses('MessageTooLong');
  });
});

describe('DismissEditConflict', () => {
  it('sets a conflicting edit aside', () => {
    given(work, original, edited('e0', 'A', 2), conflicted('e1', 'B', 1, 2))
      .when({ type: 'DismissEditConflict', message: 'm1', edit: 'e1', at: at(10) })
      .then({
        type: 'MessageEditConflictDismissed',
        data: { v, message: 'm1', channel: 'c1', edit: 'e1', at: at(10) },
      });
  });

  it('refuses an edit that is not a conflict of this message, also once dismissed', () => {
    given(work, original, edited('e0', 'A', 2))
      .when({ type: 'DismissEditConflict', message: 'm1', edit: 'e0', at: at(10) })
      .thenRefuses('UnknownConflict');
    given(work, original, edited('e0', 'A', 2), conflicted('e1', 'B', 1, 2), {
      type: 'MessageEditConflictDismissed',
      data: { v, message: 'm1', channel: 'c1', edit: 'e1', at: at(11) },
    })
      .when({ type: 'DismissEditConflict', message: 'm1', edit: 'e1', at: at(12) })
      .thenRefuses('UnknownConflict');
  });

  it('refuses on a deleted message and an unknown one', () => {
    given(work, original, edited('e0', 'A', 2), conflicted('e1', 'B', 1, 2), marked('MessageDeleted', 11))
      .when({ type: 'DismissEditConflict', message: 'm1', edit: 'e1', at: at(12) })
      .thenRefuses('MessageIsDeleted');
    given(work)
      .when({ type: 'DismissEditConflict', message: 'm1', edit: 'e1', at: at(12) })
      .thenRefuses('UnknownMessage');
  });
});
