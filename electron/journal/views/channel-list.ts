import type { ChannelSummary } from '../../../shared/journal/index.js';
import type { JournalIndex } from '../read-model/journal-index.js';
import type { MessageRecord } from '../read-model/message-record.js';
import { EventsAt, iso, preview, type EventReader } from './message-views.js';

/**
 * The channel list: every channel in the journal's order (archived ones too unless left out), with its
 * counts, last activity and the start of its newest message (read from the log, one line a channel).
 */
export async function channelSummaries(
  index: JournalIndex,
  reader: EventReader,
  options: { readonly archived?: boolean } = {},
): Promise<ChannelSummary[]> {
  const channels = index.order
    .map((id) => index.channels.get(id))
    .filter((channel) => channel !== undefined)
    .filter((channel) => options.archived !== false || !channel.archived);
  const newest = new Map<string, MessageRecord>();
  for (const channel of channels) {
    const record = index.timeline(channel.id).newestLive();
    if (record !== undefined) newest.set(channel.id, record);
  }
  const events = await EventsAt.read(
    reader,
    [...newest.values()].map((record) => record.contentPosition),
  );
  return channels.map((channel) => {
    const timeline = index.timeline(channel.id);
    const last = newest.get(channel.id);
    return {
      channel: channel.id,
      name: channel.name,
      archived: channel.archived,
      messages: timeline.live,
      pinned: timeline.pinned,
      lastActivity: timeline.lastActivity === null ? null : iso(timeline.lastActivity),
      lastMessage: last === undefined ? null : preview(events, last),
      createdAt: iso(channel.createdAt),
    };
  });
}
