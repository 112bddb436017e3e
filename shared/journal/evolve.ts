import type { ChannelEvent, JournalEvent, MessageEvent } from './events.js';
import {
  channelOf,
  messageOf,
  type ChannelDirectory,
  type JournalState,
  type MessageState,
} from './state.js';
import { unreachable } from './streams.js';

/**
 * Folds one event into the decision state. Total: an event about a channel or message the state does not
 * hold (a stream read alone, or a folder edited by hand) changes nothing, so any log can be folded.
 */
export function evolve(state: JournalState, event: JournalEvent): JournalState {
  if ('message' in event.data) {
    const message = event.data.message;
    const next = evolveMessage(messageOf(state, message), event as MessageEvent);
    return next === undefined ? state : { ...state, messages: { ...state.messages, [message]: next } };
  }
  return { ...state, directory: evolveDirectory(state.directory, event as ChannelEvent) };
}

export function evolveDirectory(directory: ChannelDirectory, event: ChannelEvent): ChannelDirectory {
  switch (event.type) {
    case 'ChannelCreated': {
      if (channelOf(directory, event.data.channel) !== undefined) return directory;
      const channel = { channel: event.data.channel, name: event.data.name, archived: false };
      return {
        channels: { ...directory.channels, [channel.channel]: channel },
        order: [...directory.order, channel.channel],
      };
    }
    case 'ChannelRenamed':
      return updateChannel(directory, event.data.channel, { name: event.data.name });
    case 'ChannelArchived':
      return updateChannel(directory, event.data.channel, { archived: true });
    case 'ChannelUnarchived':
      return updateChannel(directory, event.data.channel, { archived: false });
    case 'ChannelsReordered': {
      // Keep only channels that exist, and every one that exists (a hand-written order may miss some).
      const listed = event.data.order.filter((id) => channelOf(directory, id) !== undefined);
      const rest = directory.order.filter((id) => !listed.includes(id));
      return { ...directory, order: [...new Set(listed), ...rest] };
    }
    default:
      return unreachable(event);
  }
}

function updateChannel(
  directory: ChannelDirectory,
  id: string,
  change: Partial<{ name: string; archived: boolean }>,
): ChannelDirectory {
  const channel = channelOf(directory, id);
  if (channel === undefined) return directory;
  return { ...directory, channels: { ...directory.channels, [id]: { ...channel, ...change } } };
}

/** The message after the event; undefined when there is still no message (an event before its post). */
export function evolveMessage(
  message: MessageState | undefined,
  event: MessageEvent,
): MessageState | undefined {
  if (event.type === 'MessagePosted') {
    if (message !== undefined) return message;
    const { data } = event;
    return {
      message: data.message,
      channel: data.channel,
      text: data.text,
      textTags: data.tags,
      addedTags: [],
      attachments: data.attachments,
      replyTo: data.replyTo,
      origin: data.origin,
      postedAt: data.at,
      version: 1,
      edits: [],
      conflicts: [],
      deleted: false,
      pinned: false,
      reactions: [],
    };
  }
  if (message === undefined) return undefined;
  switch (event.type) {
    case 'MessageEdited': {
      const { data } = event;
      return {
        ...message,
        text: data.text,
        textTags: data.tags,
        attachments: data.attachments,
        version: data.version,
        edits: [...message.edits, data.edit],
        conflicts: message.conflicts.filter((conflict) => !data.resolves.includes(conflict.edit)),
      };
    }
    case 'MessageEditConflicted': {
      const { edit, baseVersion, version, text, tags, attachments, at } = event.data;
      return {
        ...message,
        edits: [...message.edits, edit],
        conflicts: [...message.conflicts, { edit, baseVersion, version, text, tags, attachments, at }],
      };
    }
    case 'MessageEditConflictDismissed':
      return { ...message, conflicts: message.conflicts.filter((c) => c.edit !== event.data.edit) };
    case 'MessageDeleted':
      return { ...message, deleted: true };
    case 'MessageRestored':
      return { ...message, deleted: false };
    case 'MessagePinned':
      return { ...message, pinned: true };
    case 'MessageUnpinned':
      return { ...message, pinned: false };
    case 'ReactionAdded':
      return { ...message, reactions: withItem(message.reactions, event.data.emoji) };
    case 'ReactionRemoved':
      return { ...message, reactions: message.reactions.filter((emoji) => emoji !== event.data.emoji) };
    case 'TagAdded':
      return { ...message, addedTags: withItem(message.addedTags, event.data.tag) };
    case 'TagRemoved':
      return { ...message, addedTags: message.addedTags.filter((tag) => tag !== event.data.tag) };
    default:
      return unreachable(event);
  }
}

function withItem(items: readonly string[], item: string): readonly string[] {
  return items.includes(item) ? items : [...items, item];
}
