import type {
  AddReaction,
  AddTag,
  DeleteMessage,
  PinMessage,
  RemoveReaction,
  RemoveTag,
  RestoreMessage,
  UnpinMessage,
} from './commands.js';
import { isReactionEmoji } from './emoji.js';
import { JOURNAL_EVENT_VERSION as v, type MessageEvent } from './events.js';
import { refuse } from './journal-error.js';
import { MAX_ADDED_TAGS, MAX_TAG_LENGTH } from './limits.js';
import { assertChannelOpen, changeableMessage, knownMessage } from './message-rules.js';
import type { JournalState, MessageState } from './state.js';
import { unreachable } from './streams.js';
import { normalizeTag } from './tags.js';

type MarkCommand =
  | DeleteMessage
  | RestoreMessage
  | PinMessage
  | UnpinMessage
  | AddReaction
  | RemoveReaction
  | AddTag
  | RemoveTag;

/**
 * Everything done to a message that is not its content. Two kinds, on purpose:
 * - delete and restore refuse a message already in that state: it is a state of its own that the screen
 *   shows, and a refusal tells the person that their screen was out of date;
 * - pins, reactions and tags are set memberships: adding what is there or removing what is not gives no
 *   events and no error, because two windows adding the same 👍 mean the same thing.
 */
export function decideMark(command: MarkCommand, state: JournalState): MessageEvent[] {
  const { at } = command;
  switch (command.type) {
    case 'DeleteMessage': {
      const message = changeableMessage(state, command.message);
      return [{ type: 'MessageDeleted', data: { ...about(message), at } }];
    }
    case 'RestoreMessage': {
      const message = knownMessage(state, command.message);
      if (!message.deleted) {
        refuse('MessageNotDeleted', 'This message is not deleted', { message: command.message });
      }
      assertChannelOpen(state, message.channel);
      return [{ type: 'MessageRestored', data: { ...about(message), at } }];
    }
    case 'PinMessage': {
      const message = changeableMessage(state, command.message);
      return message.pinned ? [] : [{ type: 'MessagePinned', data: { ...about(message), at } }];
    }
    case 'UnpinMessage': {
      const message = changeableMessage(state, command.message);
      return message.pinned ? [{ type: 'MessageUnpinned', data: { ...about(message), at } }] : [];
    }
    case 'AddReaction': {
      const emoji = reaction(command.emoji);
      const message = changeableMessage(state, command.message);
      if (message.reactions.includes(emoji)) return [];
      return [{ type: 'ReactionAdded', data: { ...about(message), emoji, at } }];
    }
    case 'RemoveReaction': {
      const emoji = reaction(command.emoji);
      const message = changeableMessage(state, command.message);
      if (!message.reactions.includes(emoji)) return [];
      return [{ type: 'ReactionRemoved', data: { ...about(message), emoji, at } }];
    }
    case 'AddTag': {
      const tag = typedTag(command.tag);
      const message = changeableMessage(state, command.message);
      if (message.addedTags.includes(tag) || message.textTags.includes(tag)) return [];
      if (message.addedTags.length >= MAX_ADDED_TAGS) {
        refuse('TooManyTags', `A message holds at most ${MAX_ADDED_TAGS} tags added by hand`, {
          limit: MAX_ADDED_TAGS,
        });
      }
      return [{ type: 'TagAdded', data: { ...about(message), tag, at } }];
    }
    case 'RemoveTag': {
      const tag = typedTag(command.tag);
      const message = changeableMessage(state, command.message);
      if (message.addedTags.includes(tag))
        return [{ type: 'TagRemoved', data: { ...about(message), tag, at } }];
      if (message.textTags.includes(tag)) {
        refuse('TagInText', `#${tag} is written in the message; edit the text to remove it`, { tag });
      }
      return [];
    }
    default:
      return unreachable(command);
  }
}

function about(message: MessageState): { v: typeof v; message: string; channel: string } {
  return { v, message: message.message, channel: message.channel };
}

function reaction(emoji: string): string {
  if (!isReactionEmoji(emoji)) {
    refuse('InvalidEmoji', `A reaction is one emoji, not "${emoji.slice(0, 40)}"`, {
      emoji: emoji.slice(0, 40),
    });
  }
  return emoji;
}

function typedTag(typed: string): string {
  return (
    normalizeTag(typed) ??
    refuse(
      'InvalidTag',
      `"${typed.slice(0, 80)}" is not a tag: a tag starts with a letter and holds letters, digits, "_" and "-", at most ${MAX_TAG_LENGTH} characters`,
      { tag: typed.slice(0, 80) },
    )
  );
}
