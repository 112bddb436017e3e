import {
  JOURNAL_EVENT_VERSION as v,
  type AttachmentRef,
  type ChannelEvent,
  type MessageEvent,
  type MessagePosted,
} from '../../shared/journal/index.js';

/** A time `minutes` after a fixed morning, as commands carry it. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2026, 2, 1, 8, 0) + minutes * 60_000).toISOString();
}

export function channelCreated(channel: string, name: string, minutes = 0): ChannelEvent {
  return { type: 'ChannelCreated', data: { v, channel, name, at: at(minutes) } };
}

export function channelArchived(channel: string, minutes = 1): ChannelEvent {
  return { type: 'ChannelArchived', data: { v, channel, at: at(minutes) } };
}

export function posted(
  message: string,
  text: string,
  options: Partial<Omit<MessagePosted['data'], 'v' | 'message' | 'text'>> & { minutes?: number } = {},
): MessagePosted {
  const { minutes = 2, ...rest } = options;
  return {
    type: 'MessagePosted',
    data: {
      v,
      message,
      channel: 'c1',
      text,
      tags: [],
      attachments: [],
      replyTo: null,
      origin: null,
      at: at(minutes),
      ...rest,
    },
  };
}

/** One of the simple marks on message m1 of channel c1. */
export function marked(
  type: 'MessageDeleted' | 'MessageRestored' | 'MessagePinned' | 'MessageUnpinned',
  minutes = 3,
  message = 'm1',
): MessageEvent {
  return { type, data: { v, message, channel: 'c1', at: at(minutes) } };
}

export function edited(
  edit: string,
  text: string,
  version: number,
  minutes = 4,
  extra: { tags?: string[]; attachments?: AttachmentRef[]; resolves?: string[] } = {},
): MessageEvent {
  return {
    type: 'MessageEdited',
    data: {
      v,
      message: 'm1',
      channel: 'c1',
      text,
      tags: extra.tags ?? [],
      attachments: extra.attachments ?? [],
      edit,
      version,
      baseVersion: version - 1,
      resolves: extra.resolves ?? [],
      at: at(minutes),
    },
  };
}

export const picture: AttachmentRef = {
  sha256: 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778',
  size: 48_213,
  mediaType: 'image/jpeg',
  name: 'harbour.jpg',
  width: 1280,
  height: 960,
};

export const work = channelCreated('c1', 'Work');
