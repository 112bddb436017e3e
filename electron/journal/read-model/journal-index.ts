import type { RecordedEvent } from '../../../shared/event.js';
import {
  readJournalEvent,
  type ChannelEvent,
  type JournalId,
  type MessageEvent,
} from '../../../shared/journal/index.js';
import { MessageTimeline } from './message-timeline.js';
import { NONE, type MessageRecord } from './message-record.js';
import { wordCount } from './word-count.js';

export interface ChannelInfo {
  readonly id: JournalId;
  name: string;
  archived: boolean;
  /** `at` of its ChannelCreated (ms). */
  readonly createdAt: number;
}

export interface UnreadableEvent {
  readonly position: number;
  readonly reason: string;
}

/** What changed since the last `takeChanges`: the channels and messages a view may have to refresh. */
export interface IndexChanges {
  readonly channels: readonly JournalId[];
  readonly messages: readonly JournalId[];
}

/** How many unreadable events are kept with their reason (all are counted). */
const UNREADABLE_KEPT = 20;

/**
 * The journal as its views need it, folded from the log: the channel directory, each channel's messages in
 * order with counts, and a record of every message (see MessageRecord: positions and what the views sort
 * and count by, not the texts). Events are read with readJournalEvent and folded as `evolve` folds them, so
 * the views never disagree with the decider: unreadable events are skipped and counted, events of other
 * programs are left alone, an event about a message or channel that does not exist changes nothing.
 *
 * With `until`, only events whose own time (`at`) is at or before it are folded, in log order: the journal
 * as of that moment (docs/JOURNAL.md).
 */
export class JournalIndex {
  readonly channels = new Map<JournalId, ChannelInfo>();
  order: JournalId[] = [];
  readonly messages = new Map<JournalId, MessageRecord>();
  /** Ids of the replies to a message, in the order they were posted. */
  readonly replies = new Map<JournalId, JournalId[]>();
  readonly unreadable: { count: number; first: UnreadableEvent[] } = { count: 0, first: [] };
  /** Messages not deleted, in every channel. */
  live = 0;
  /** The last position folded (or passed over). */
  position = 0;
  private readonly timelines = new Map<JournalId, MessageTimeline>();
  private readonly channelIds = new Map<JournalId, JournalId>();
  /** Reply counts of a preview, whose `replies` holds only the replies it has records of. */
  private replyCounts: Map<JournalId, number> | undefined;
  private changedChannels = new Set<JournalId>();
  private changedMessages = new Set<JournalId>();

  constructor(readonly until: string | null = null) {}

  apply(event: RecordedEvent): void {
    this.position = Math.max(this.position, event.position);
    const reading = readJournalEvent(event.type, event.data);
    if (reading.kind === 'other') return;
    if (reading.kind === 'unreadable') {
      this.unreadable.count++;
      if (this.unreadable.first.length < UNREADABLE_KEPT) {
        this.unreadable.first.push({ position: event.position, reason: reading.reason });
      }
      return;
    }
    const journalEvent = reading.event;
    if (this.until !== null && journalEvent.data.at > this.until) return;
    if ('message' in journalEvent.data) this.applyMessage(journalEvent as MessageEvent, event.position);
    else this.applyChannel(journalEvent as ChannelEvent);
  }

  /** A channel's messages; an empty timeline for a channel without any. */
  timeline(channel: JournalId): MessageTimeline {
    return this.timelines.get(channel) ?? new MessageTimeline();
  }

  /** Every channel's timeline that has messages, including channels the directory does not know. */
  timelineEntries(): IterableIterator<[JournalId, MessageTimeline]> {
    return this.timelines.entries();
  }

  message(id: JournalId): MessageRecord | undefined {
    return this.messages.get(id);
  }

  /** The channels and messages changed since the last call. */
  takeChanges(): IndexChanges {
    const changes = { channels: [...this.changedChannels], messages: [...this.changedMessages] };
    this.changedChannels = new Set();
    this.changedMessages = new Set();
    return changes;
  }

  /** Adds a message record as it was saved (loading a checkpoint): in timeline order, counts kept. */
  restoreRecord(record: MessageRecord): void {
    this.channelId(record.channel);
    this.messages.set(record.id, record);
    this.timelineOf(record.channel).add(record);
    if (!record.deleted) this.live++;
    if (record.replyTo !== null) this.noteReply(record.replyTo, record.id);
  }

  restoreActivity(channel: JournalId, lastActivity: number | null): void {
    if (lastActivity !== null) this.timelineOf(channel).touched(lastActivity);
  }

  /**
   * For a preview holding only the newest messages of each channel: the channel's counts as the whole
   * index has them, since the records restored are only some of its messages.
   */
  restoreCounts(channel: JournalId, live: number, pinned: number): void {
    const timeline = this.timelineOf(channel);
    timeline.live = live;
    timeline.pinned = pinned;
  }

  /** For a preview: a message that is not in its channel's part of the preview (an original replied to). */
  restoreElsewhere(record: MessageRecord): void {
    this.messages.set(record.id, record);
  }

  /** For a preview: how many replies a message has in the whole index. */
  restoreReplyCount(message: JournalId, count: number): void {
    (this.replyCounts ??= new Map()).set(message, count);
  }

  /** How many replies a message has. */
  replyCount(message: JournalId): number {
    return this.replyCounts?.get(message) ?? this.replies.get(message)?.length ?? 0;
  }

  private applyChannel(event: ChannelEvent): void {
    const { data } = event;
    switch (event.type) {
      case 'ChannelCreated': {
        if (this.channels.has(event.data.channel)) return;
        this.channels.set(event.data.channel, {
          id: event.data.channel,
          name: event.data.name,
          archived: false,
          createdAt: Date.parse(data.at),
        });
        this.order.push(event.data.channel);
        this.changedChannels.add(event.data.channel);
        return;
      }
      case 'ChannelRenamed':
        return this.changeChannel(event.data.channel, (channel) => (channel.name = event.data.name));
      case 'ChannelArchived':
        return this.changeChannel(event.data.channel, (channel) => (channel.archived = true));
      case 'ChannelUnarchived':
        return this.changeChannel(event.data.channel, (channel) => (channel.archived = false));
      case 'ChannelsReordered': {
        // As evolve does: channels that exist, listed first and once; every other one after, as it was.
        const listed = [...new Set(event.data.order.filter((id) => this.channels.has(id)))];
        const rest = this.order.filter((id) => !listed.includes(id));
        this.order = [...listed, ...rest];
        for (const id of this.order) this.changedChannels.add(id);
        return;
      }
      default:
        return event satisfies never;
    }
  }

  private changeChannel(id: JournalId, change: (channel: ChannelInfo) => void): void {
    const channel = this.channels.get(id);
    if (channel === undefined) return;
    change(channel);
    this.changedChannels.add(id);
  }

  private applyMessage(event: MessageEvent, position: number): void {
    const { data } = event;
    if (event.type === 'MessagePosted') {
      if (this.messages.has(data.message)) return;
      const { data: posted } = event;
      const record: MessageRecord = {
        id: posted.message,
        channel: this.channelId(posted.channel),
        at: Date.parse(posted.at),
        postPosition: position,
        contentPosition: position,
        version: 1,
        editedAt: null,
        deleted: false,
        deletedAt: null,
        pinned: false,
        reactions: NONE,
        textTags: posted.tags.length === 0 ? NONE : posted.tags,
        addedTags: NONE,
        attachments: posted.attachments.length,
        words: wordCount(posted.text),
        replyTo: posted.replyTo,
        conflicts: NONE,
      };
      this.restoreRecord(record);
      this.changed(record);
      if (record.replyTo !== null && this.messages.has(record.replyTo)) {
        this.changedMessages.add(record.replyTo);
      }
      return;
    }
    const record = this.messages.get(data.message);
    if (record === undefined) return;
    const timeline = this.timelineOf(record.channel);
    switch (event.type) {
      case 'MessageEdited': {
        const { data: edited } = event;
        record.contentPosition = position;
        record.version = edited.version;
        record.editedAt = Date.parse(edited.at);
        record.textTags = edited.tags.length === 0 ? NONE : edited.tags;
        record.attachments = edited.attachments.length;
        record.words = wordCount(edited.text);
        if (edited.resolves.length > 0) {
          record.conflicts = record.conflicts.filter((conflict) => !edited.resolves.includes(conflict.edit));
        }
        timeline.touched(record.editedAt);
        break;
      }
      case 'MessageEditConflicted':
        record.conflicts = [...record.conflicts, { edit: event.data.edit, position }];
        break;
      case 'MessageEditConflictDismissed':
        record.conflicts = record.conflicts.filter((conflict) => conflict.edit !== event.data.edit);
        break;
      case 'MessageDeleted':
        record.deletedAt = Date.parse(event.data.at);
        this.setDeleted(record, timeline, true);
        break;
      case 'MessageRestored':
        record.deletedAt = null;
        this.setDeleted(record, timeline, false);
        break;
      case 'MessagePinned':
      case 'MessageUnpinned': {
        const pinned = event.type === 'MessagePinned';
        if (record.pinned !== pinned && !record.deleted) timeline.pinned += pinned ? 1 : -1;
        record.pinned = pinned;
        break;
      }
      case 'ReactionAdded':
        record.reactions = withItem(record.reactions, event.data.emoji);
        break;
      case 'ReactionRemoved':
        record.reactions = withoutItem(record.reactions, event.data.emoji);
        break;
      case 'TagAdded':
        record.addedTags = withItem(record.addedTags, event.data.tag);
        break;
      case 'TagRemoved':
        record.addedTags = withoutItem(record.addedTags, event.data.tag);
        break;
      default:
        return event satisfies never;
    }
    this.changed(record);
  }

  private setDeleted(record: MessageRecord, timeline: MessageTimeline, deleted: boolean): void {
    if (record.deleted === deleted) return;
    record.deleted = deleted;
    const step = deleted ? -1 : 1;
    timeline.live += step;
    this.live += step;
    if (record.pinned) timeline.pinned += step;
  }

  private changed(record: MessageRecord): void {
    this.changedMessages.add(record.id);
    this.changedChannels.add(record.channel);
  }

  private timelineOf(channel: JournalId): MessageTimeline {
    let timeline = this.timelines.get(channel);
    if (timeline === undefined) {
      timeline = new MessageTimeline();
      this.timelines.set(channel, timeline);
    }
    return timeline;
  }

  /** One string a channel id, however many messages name it (each parsed event has its own copy). */
  private channelId(id: JournalId): JournalId {
    const known = this.channelIds.get(id);
    if (known !== undefined) return known;
    this.channelIds.set(id, id);
    return id;
  }

  private noteReply(original: JournalId, reply: JournalId): void {
    const replies = this.replies.get(original);
    if (replies === undefined) this.replies.set(original, [reply]);
    else replies.push(reply);
  }
}

function withItem(items: readonly string[], item: string): readonly string[] {
  return items.includes(item) ? items : [...items, item];
}

function withoutItem(items: readonly string[], item: string): readonly string[] {
  if (!items.includes(item)) return items;
  const rest = items.filter((existing) => existing !== item);
  return rest.length === 0 ? NONE : rest;
}
