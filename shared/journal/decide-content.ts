import { sameAttachments } from './attachment.js';
import type { DismissEditConflict, EditMessage, PostMessage } from './commands.js';
import { JOURNAL_EVENT_VERSION as v, type MessageEvent } from './events.js';
import { refuse } from './journal-error.js';
import { assertChannelOpen, assertContent, changeableMessage, knownMessage } from './message-rules.js';
import { knownChannel } from './decide-channels.js';
import { messageOf, type JournalState } from './state.js';
import { tagsInText } from './tags.js';

/**
 * Posting and editing: the commands that carry what a person typed.
 *
 * Edits and conflicts: an edit names the version it started from. If the message is still at that
 * version, the edit is accepted (MessageEdited, version + 1). If another edit got there first, the edit is
 * not refused (what was typed would then live only in a window that may close) and does not overwrite the
 * other one: it is recorded as MessageEditConflicted, which every view and the CLI show beside the message
 * until an edit resolves it or the user dismisses it. An edit whose content equals the message's current
 * content changes nothing, whatever its base (both sides wanted the same), except that it settles the
 * conflicts it names.
 */
export function decidePost(command: PostMessage, state: JournalState): MessageEvent[] {
  const attachments = command.attachments ?? [];
  const channel = knownChannel(state.directory, command.channel);
  const existing = messageOf(state, command.message);
  if (existing !== undefined) {
    // The same post again (a retry after a lost answer, an import run twice) is not an error.
    const same =
      existing.channel === command.channel &&
      existing.text === command.text &&
      existing.postedAt === command.at &&
      existing.replyTo === (command.replyTo ?? null) &&
      sameAttachments(existing.attachments, attachments);
    if (same) return [];
    refuse('MessageExists', `A different message with the id ${command.message} already exists`, {
      message: command.message,
    });
  }
  assertChannelOpen(state, channel.channel);
  assertContent(command.text, attachments);
  if (command.replyTo !== undefined) {
    const original = knownMessage(state, command.replyTo);
    if (original.channel !== command.channel) {
      refuse('InvalidReply', 'A reply stays in the channel of the message it answers', {
        replyTo: command.replyTo,
        channel: original.channel,
      });
    }
    if (original.deleted) {
      refuse('InvalidReply', 'The message you reply to was deleted; restore it or post without replying', {
        replyTo: command.replyTo,
      });
    }
  }
  return [
    {
      type: 'MessagePosted',
      data: {
        v,
        message: command.message,
        channel: command.channel,
        text: command.text,
        tags: tagsInText(command.text),
        attachments,
        replyTo: command.replyTo ?? null,
        origin: command.origin ?? null,
        at: command.at,
      },
    },
  ];
}

export function decideEdit(command: EditMessage, state: JournalState): MessageEvent[] {
  const known = knownMessage(state, command.message);
  // A retried edit (its id already seen, accepted or in conflict) changes nothing.
  if (known.edits.includes(command.edit)) return [];
  const message = changeableMessage(state, command.message);
  if (command.baseVersion > message.version) {
    refuse(
      'InvalidBaseVersion',
      `This edit starts from version ${command.baseVersion}, but the message has only ${message.version}`,
      { baseVersion: command.baseVersion, version: message.version },
    );
  }
  const attachments = command.attachments ?? message.attachments;
  assertContent(command.text, attachments);
  const resolves = [...new Set(command.resolves ?? [])];
  for (const edit of resolves) {
    if (!message.conflicts.some((conflict) => conflict.edit === edit)) {
      refuse('UnknownConflict', `This message has no conflicting edit ${edit}`, { edit });
    }
  }
  const about = { v, message: message.message, channel: message.channel } as const;
  const unchanged = command.text === message.text && sameAttachments(attachments, message.attachments);
  if (unchanged) {
    return resolves.map((edit) => ({
      type: 'MessageEditConflictDismissed',
      data: { ...about, edit, at: command.at },
    }));
  }
  const content = { text: command.text, tags: tagsInText(command.text), attachments };
  if (command.baseVersion < message.version) {
    return [
      {
        type: 'MessageEditConflicted',
        data: {
          ...about,
          ...content,
          edit: command.edit,
          baseVersion: command.baseVersion,
          version: message.version,
          at: command.at,
        },
      },
    ];
  }
  return [
    {
      type: 'MessageEdited',
      data: {
        ...about,
        ...content,
        edit: command.edit,
        version: message.version + 1,
        baseVersion: command.baseVersion,
        resolves,
        at: command.at,
      },
    },
  ];
}

export function decideDismiss(command: DismissEditConflict, state: JournalState): MessageEvent[] {
  const message = changeableMessage(state, command.message);
  if (!message.conflicts.some((conflict) => conflict.edit === command.edit)) {
    refuse('UnknownConflict', `This message has no conflicting edit ${command.edit}`, { edit: command.edit });
  }
  return [
    {
      type: 'MessageEditConflictDismissed',
      data: { v, message: message.message, channel: message.channel, edit: command.edit, at: command.at },
    },
  ];
}
