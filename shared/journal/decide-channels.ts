import type { ChannelCommand } from './commands.js';
import { JOURNAL_EVENT_VERSION as v, type ChannelEvent } from './events.js';
import { refuse } from './journal-error.js';
import { MAX_CHANNEL_NAME_LENGTH } from './limits.js';
import { channelOf, type ChannelDirectory, type ChannelState } from './state.js';
import { unreachable } from './streams.js';

/**
 * Channel commands. Archiving makes a channel read-only (its messages stay, and are shown, searched and
 * counted); it is not a delete. Archive and unarchive refuse a channel already in that state, because the
 * person acted on a screen that was out of date and should see the channel as it is. A rename to the same
 * name, a create retried with the same id and name, and a reorder that changes nothing give no events.
 */
export function decideChannelCommand(command: ChannelCommand, directory: ChannelDirectory): ChannelEvent[] {
  const { at } = command;
  switch (command.type) {
    case 'CreateChannel': {
      const name = channelName(command.name);
      const existing = channelOf(directory, command.channel);
      if (existing !== undefined) {
        if (existing.name === name) return [];
        refuse(
          'ChannelExists',
          `A channel with the id ${command.channel} already exists ("${existing.name}"); use another id`,
          { channel: command.channel, name: existing.name },
        );
      }
      assertNameFree(directory, name, command.channel);
      return [{ type: 'ChannelCreated', data: { v, channel: command.channel, name, at } }];
    }
    case 'RenameChannel': {
      const channel = knownChannel(directory, command.channel);
      const name = channelName(command.name);
      if (name === channel.name) return [];
      assertNameFree(directory, name, command.channel);
      return [
        { type: 'ChannelRenamed', data: { v, channel: command.channel, name, previous: channel.name, at } },
      ];
    }
    case 'ArchiveChannel': {
      const channel = knownChannel(directory, command.channel);
      if (channel.archived) {
        refuse('ChannelIsArchived', `"${channel.name}" is already archived`, { channel: channel.channel });
      }
      return [{ type: 'ChannelArchived', data: { v, channel: command.channel, at } }];
    }
    case 'UnarchiveChannel': {
      const channel = knownChannel(directory, command.channel);
      if (!channel.archived) {
        refuse('ChannelNotArchived', `"${channel.name}" is not archived`, { channel: channel.channel });
      }
      return [{ type: 'ChannelUnarchived', data: { v, channel: command.channel, at } }];
    }
    case 'ReorderChannels': {
      const seen = new Set<string>();
      for (const id of command.order) {
        if (seen.has(id)) {
          refuse('InvalidCommand', `The new order names the channel ${id} twice`, { channel: id });
        }
        seen.add(id);
        knownChannel(directory, id);
      }
      const order = [...command.order, ...directory.order.filter((id) => !seen.has(id))];
      if (order.every((id, i) => directory.order[i] === id)) return [];
      return [{ type: 'ChannelsReordered', data: { v, order, at } }];
    }
    default:
      return unreachable(command);
  }
}

export function knownChannel(directory: ChannelDirectory, id: string): ChannelState {
  return (
    channelOf(directory, id) ??
    refuse('UnknownChannel', `There is no channel with the id ${id}`, { channel: id })
  );
}

/** Names are trimmed; compared ignoring case and Unicode form, so "Work" and "work" cannot both exist. */
function channelName(typed: string): string {
  const name = typed.trim();
  if (name.length === 0 || name.length > MAX_CHANNEL_NAME_LENGTH || /\p{Cc}/u.test(name)) {
    refuse(
      'InvalidChannelName',
      `A channel name is 1 to ${MAX_CHANNEL_NAME_LENGTH} characters without line breaks or control characters`,
      { name: typed.slice(0, 200) },
    );
  }
  return name;
}

function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

function assertNameFree(directory: ChannelDirectory, name: string, except: string): void {
  const key = nameKey(name);
  for (const id of directory.order) {
    const other = channelOf(directory, id);
    if (other !== undefined && id !== except && nameKey(other.name) === key) {
      refuse(
        'ChannelNameTaken',
        `There is already a channel named "${other.name}"${other.archived ? ' (archived)' : ''}; choose another name`,
        { channel: id, name: other.name },
      );
    }
  }
}
