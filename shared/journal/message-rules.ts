import { attachmentProblem, type AttachmentRef } from './attachment.js';
import { refuse } from './journal-error.js';
import { MAX_ATTACHMENTS, MAX_MESSAGE_TEXT_LENGTH } from './limits.js';
import { channelOf, messageOf, type JournalState, type MessageState } from './state.js';

/**
 * The rules every message command shares. A deleted message is read-only until it is restored, and so is
 * every message of an archived channel: one rule each, instead of a list of which marks still work.
 */

export function knownMessage(state: JournalState, id: string): MessageState {
  return (
    messageOf(state, id) ?? refuse('UnknownMessage', `There is no message with the id ${id}`, { message: id })
  );
}

/** A message that may change: it exists, is not deleted, and its channel is not archived. */
export function changeableMessage(state: JournalState, id: string): MessageState {
  const message = knownMessage(state, id);
  if (message.deleted) {
    refuse('MessageIsDeleted', 'This message is deleted; restore it first to change it', { message: id });
  }
  assertChannelOpen(state, message.channel);
  return message;
}

/** The channel is not archived (a channel the directory does not know is not archived: nothing to refuse). */
export function assertChannelOpen(state: JournalState, id: string): void {
  const channel = channelOf(state.directory, id);
  if (channel?.archived === true) {
    refuse('ChannelIsArchived', `"${channel.name}" is archived and read-only; unarchive it first`, {
      channel: id,
    });
  }
}

/** Text and attachments fit the journal's limits, and say something. */
export function assertContent(text: string, attachments: readonly AttachmentRef[]): void {
  if (text.length > MAX_MESSAGE_TEXT_LENGTH) {
    refuse(
      'MessageTooLong',
      `A message holds at most ${MAX_MESSAGE_TEXT_LENGTH.toLocaleString('en')} characters and this one has ${text.length.toLocaleString('en')}: split it into several messages, or attach it as a file`,
      { length: text.length, limit: MAX_MESSAGE_TEXT_LENGTH },
    );
  }
  if (attachments.length > MAX_ATTACHMENTS) {
    refuse(
      'TooManyAttachments',
      `A message holds at most ${MAX_ATTACHMENTS} attachments and this one has ${attachments.length}: send them in several messages`,
      { count: attachments.length, limit: MAX_ATTACHMENTS },
    );
  }
  attachments.forEach((attachment, index) => {
    const problem = attachmentProblem(attachment);
    if (problem !== undefined) {
      refuse('InvalidAttachment', `Attachment ${index + 1} (${String(attachment.name)}): ${problem}`, {
        index,
      });
    }
  });
  if (text.trim().length === 0 && attachments.length === 0) {
    refuse('EmptyMessage', 'A message needs some text or an attachment');
  }
}
