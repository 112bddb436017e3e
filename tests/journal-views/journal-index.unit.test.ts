import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import {
  foldJournal,
  readJournalEvent,
  type JournalEvent,
  type JournalState,
} from '../../shared/journal/index.js';
import { JournalIndex } from '../../electron/journal/index.js';
import { loadJournalIndex, saveJournalIndex } from '../../electron/journal/read-model/journal-index-file.js';
import { compareRecords } from '../../electron/journal/read-model/message-record.js';
import { journalCommands, minutes, runCommands } from './journal-arbitraries.js';

function indexOf(log: readonly RecordedEvent[], until: string | null = null): JournalIndex {
  const index = new JournalIndex(until);
  for (const event of log) index.apply(event);
  return index;
}

function eventsOf(log: readonly RecordedEvent[]): JournalEvent[] {
  return log.map((event) => {
    const reading = readJournalEvent(event.type, event.data);
    if (reading.kind !== 'journal') throw new Error('unreadable');
    return reading.event;
  });
}

/** The index says what the decider's state says, for everything both keep. */
function expectAgrees(index: JournalIndex, state: JournalState, log: readonly RecordedEvent[]): void {
  expect(index.order).toStrictEqual(state.directory.order);
  for (const [id, channel] of Object.entries(state.directory.channels)) {
    expect(index.channels.get(id)).toMatchObject({ name: channel.name, archived: channel.archived });
  }
  expect(index.channels.size).toBe(Object.keys(state.directory.channels).length);
  expect(index.messages.size).toBe(Object.keys(state.messages).length);
  for (const [id, message] of Object.entries(state.messages)) {
    const record = index.message(id)!;
    expect(record, id).toBeDefined();
    expect({
      channel: record.channel,
      deleted: record.deleted,
      pinned: record.pinned,
      reactions: record.reactions,
      textTags: record.textTags,
      addedTags: record.addedTags,
      version: record.version,
      replyTo: record.replyTo,
      conflicts: record.conflicts.map((conflict) => conflict.edit),
      attachments: record.attachments,
    }).toStrictEqual({
      channel: message.channel,
      deleted: message.deleted,
      pinned: message.pinned,
      reactions: message.reactions,
      textTags: message.textTags,
      addedTags: message.addedTags,
      version: message.version,
      replyTo: message.replyTo,
      conflicts: message.conflicts.map((conflict) => conflict.edit),
      attachments: message.attachments.length,
    });
    // The text a view reads is the one at contentPosition.
    const content = log[record.contentPosition - 1]!.data as { text: string };
    expect(content.text).toBe(message.text);
  }
  let live = 0;
  for (const [channel, timeline] of index.timelineEntries()) {
    const list = timeline.list();
    expect(list.every((record) => record.channel === channel)).toBe(true);
    expect([...list].sort(compareRecords)).toStrictEqual(list);
    expect(timeline.live).toBe(list.filter((record) => !record.deleted).length);
    expect(timeline.pinned).toBe(list.filter((record) => record.pinned && !record.deleted).length);
    live += timeline.live;
  }
  expect(index.live).toBe(live);
}

describe('the journal index (the views read model)', () => {
  it('agrees with the decider on every message and channel, keeps each channel in order, and counts right', () => {
    fc.assert(
      fc.property(journalCommands, (commands) => {
        const { log, state } = runCommands(commands);
        expectAgrees(indexOf(log), state, log);
      }),
      { numRuns: 300 },
    );
  });

  it('saves and loads back to the same index', () => {
    fc.assert(
      fc.property(journalCommands, (commands) => {
        const { log, state } = runCommands(commands);
        const saved = saveJournalIndex(indexOf(log));
        const loaded = loadJournalIndex(saved);
        expectAgrees(loaded, state, log);
        expect(saveJournalIndex(loaded)).toBe(saved);
      }),
      { numRuns: 200 },
    );
  });

  it('as of a moment, is the fold of the events whose own time is at or before it, in log order', () => {
    fc.assert(
      fc.property(journalCommands, fc.integer({ min: -50, max: 700 }), (commands, moment) => {
        const { log } = runCommands(commands);
        const until = minutes(moment);
        const before = log.filter((event) => (event.data as { at: string }).at <= until);
        const expected = foldJournal(eventsOf(before));
        expectAgrees(indexOf(log, until), expected, log);
      }),
      { numRuns: 300 },
    );
  });

  it('skips and counts events it cannot read, and leaves other programs’ events alone', () => {
    const index = new JournalIndex();
    const base = { stream: 'message-x', revision: 0, id: 'id', time: minutes(0), meta: {} };
    index.apply({ ...base, position: 1, type: 'MessagePosted', data: { v: 2, message: 'x' } });
    index.apply({ ...base, position: 2, type: 'MessagePosted', data: { v: 1, message: 'x' } });
    index.apply({ ...base, position: 3, type: 'OrderPlaced', data: { total: 3 } });
    expect(index.unreadable.count).toBe(2);
    expect(index.unreadable.first.map((event) => event.position)).toStrictEqual([1, 2]);
    expect(index.unreadable.first[0]?.reason).toMatch(/version 2; this Eventfold reads version 1/);
    expect(index.messages.size).toBe(0);
    expect(index.position).toBe(3);
  });
});
