import { JournalError, type JournalId, type MessagePageRequest } from '../../../shared/journal/index.js';
import { SchemaError } from '../../../shared/schema.js';
import type { JournalIndex } from '../read-model/journal-index.js';
import type { MessageRecord } from '../read-model/message-record.js';
import type { MessageTimeline, TimelineKey } from '../read-model/message-timeline.js';

/** A page of a channel, before its messages are read from the log. */
export interface RecordPage {
  readonly records: readonly MessageRecord[];
  readonly older: string | null;
  readonly newer: string | null;
  readonly total: number;
  readonly anchor: JournalId | null;
}

export const DEFAULT_PAGE_SIZE = 50;

/**
 * Pages of a channel, anchored at the bottom (the newest messages first shown). Only the page's messages
 * are touched: a cursor is a place in the channel's order (time and log position of a message), found by
 * binary search, so the 100,000th page costs what the first does, and a message deleted or posted
 * meanwhile does not shift the next page. Deleted messages are skipped.
 */
export function messagePage(
  index: JournalIndex,
  channel: JournalId,
  request: MessagePageRequest,
  limit = DEFAULT_PAGE_SIZE,
): RecordPage {
  if (!index.channels.has(channel) && index.timeline(channel).size === 0) {
    throw new JournalError('UnknownChannel', `There is no channel with the id ${channel}`, { channel });
  }
  const timeline = index.timeline(channel);
  const list = timeline.list();
  switch (request.kind) {
    case 'latest':
      return backwardsFrom(timeline, list.length, limit, null);
    case 'older':
      return backwardsFrom(timeline, timeline.firstAtOrAfter(parseCursor(request.cursor)), limit, null);
    case 'newer': {
      const key = parseCursor(request.cursor);
      return forwardsFrom(
        timeline,
        timeline.firstAtOrAfter({ ...key, postPosition: key.postPosition + 1 }),
        limit,
      );
    }
    case 'around': {
      const record = index.message(request.message);
      if (record?.channel !== channel) {
        throw new JournalError(
          'UnknownMessage',
          record === undefined
            ? `There is no message with the id ${request.message}`
            : `The message ${request.message} is in another channel`,
          { message: request.message, ...(record === undefined ? {} : { channel: record.channel }) },
        );
      }
      return around(timeline, timeline.indexOf(record), limit, record.deleted ? null : record.id);
    }
    case 'at': {
      const start = timeline.firstAtOrAfter({ at: Date.parse(request.time), postPosition: 0 });
      const first = nextLive(list, start);
      if (first === -1) return backwardsFrom(timeline, list.length, limit, null);
      const page = forwardsFrom(timeline, first, limit);
      // Near the end, the page is filled up with the messages before, as a chat shows its last screen.
      if (page.records.length >= limit) return { ...page, anchor: list[first]!.id };
      return backwardsFrom(timeline, list.length, limit, list[first]!.id);
    }
    default:
      return request satisfies never;
  }
}

function backwardsFrom(
  timeline: MessageTimeline,
  end: number,
  limit: number,
  anchor: JournalId | null,
): RecordPage {
  const list = timeline.list();
  const picked: MessageRecord[] = [];
  let i = end - 1;
  for (; i >= 0 && picked.length < limit; i--) if (!list[i]!.deleted) picked.push(list[i]!);
  picked.reverse();
  const first = picked[0];
  const last = picked.at(-1);
  return {
    records: picked,
    older: first !== undefined && previousLive(list, i + 1) !== -1 ? cursorOf(first) : null,
    newer: last !== undefined && nextLive(list, end) !== -1 ? cursorOf(last) : null,
    total: timeline.live,
    anchor,
  };
}

function forwardsFrom(timeline: MessageTimeline, start: number, limit: number): RecordPage {
  const list = timeline.list();
  const picked: MessageRecord[] = [];
  let i = start;
  for (; i < list.length && picked.length < limit; i++) if (!list[i]!.deleted) picked.push(list[i]!);
  const first = picked[0];
  const last = picked.at(-1);
  return {
    records: picked,
    older: first !== undefined && previousLive(list, start) !== -1 ? cursorOf(first) : null,
    newer: last !== undefined && nextLive(list, i) !== -1 ? cursorOf(last) : null,
    total: timeline.live,
    anchor: null,
  };
}

function around(timeline: MessageTimeline, at: number, limit: number, anchor: JournalId | null): RecordPage {
  const list = timeline.list();
  // Half the page before the message, the message and the rest after it.
  let start = at;
  let before = 0;
  while (start > 0 && before < Math.floor((limit - 1) / 2)) {
    start--;
    if (!list[start]!.deleted) before++;
  }
  const page = forwardsFrom(timeline, start, limit);
  if (page.records.length >= limit || start === 0) return { ...page, anchor };
  // Too few after it: the last page, which holds it.
  return backwardsFrom(timeline, list.length, limit, anchor);
}

function previousLive(list: readonly MessageRecord[], before: number): number {
  for (let i = before - 1; i >= 0; i--) if (!list[i]!.deleted) return i;
  return -1;
}

function nextLive(list: readonly MessageRecord[], from: number): number {
  for (let i = from; i < list.length; i++) if (!list[i]!.deleted) return i;
  return -1;
}

const CURSOR = /^p1\.(-?\d{1,16})\.(\d{1,16})$/;

function cursorOf(record: MessageRecord): string {
  return `p1.${record.at}.${record.postPosition}`;
}

function parseCursor(cursor: string): TimelineKey {
  const match = CURSOR.exec(cursor);
  if (match === null) {
    throw new SchemaError(['page', 'cursor'], 'a cursor from an earlier page (its `older` or `newer`)');
  }
  return { at: Number(match[1]), postPosition: Number(match[2]) };
}
