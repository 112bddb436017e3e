import { JournalError, type JournalId } from '../../../shared/journal/index.js';
import type { JournalIndex } from '../read-model/journal-index.js';
import type { MessageRecord } from '../read-model/message-record.js';
import type { MessageTimeline } from '../read-model/message-timeline.js';

/** One channel's timeline, or every channel's; an unknown channel is refused. */
export function timelinesOf(index: JournalIndex, channel: JournalId | undefined): MessageTimeline[] {
  if (channel === undefined) return [...index.timelineEntries()].map(([, timeline]) => timeline);
  if (!index.channels.has(channel)) {
    throw new JournalError('UnknownChannel', `There is no channel with the id ${channel}`, { channel });
  }
  return [index.timeline(channel)];
}

/**
 * The messages (not deleted) posted from `start` up to but not including `end` (ms), found by binary
 * search in each channel's order: a day or a year of a large journal costs what it holds, not the journal.
 */
export function* postedBetween(
  timelines: readonly MessageTimeline[],
  start: number,
  end: number,
): Generator<MessageRecord> {
  for (const timeline of timelines) {
    const list = timeline.list();
    for (let i = timeline.firstAtOrAfter({ at: start, postPosition: 0 }); i < list.length; i++) {
      const record = list[i]!;
      if (record.at >= end) break;
      if (!record.deleted) yield record;
    }
  }
}

/** The first and last time a message (not deleted) was posted, or undefined for an empty journal. */
export function postedSpan(
  timelines: readonly MessageTimeline[],
): { first: number; last: number } | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const timeline of timelines) {
    const list = timeline.list();
    const oldest = list.find((record) => !record.deleted);
    const newest = timeline.newestLive();
    if (oldest !== undefined && oldest.at < first) first = oldest.at;
    if (newest !== undefined && newest.at > last) last = newest.at;
  }
  return first === Infinity ? undefined : { first, last };
}
