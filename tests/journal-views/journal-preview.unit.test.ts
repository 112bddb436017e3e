import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import {
  channelSummaries,
  JournalIndex,
  messagePage,
  messageViews,
  type EventReader,
} from '../../electron/journal/index.js';
import {
  loadJournalIndex,
  loadJournalPreview,
  saveJournalIndex,
} from '../../electron/journal/read-model/journal-index-file.js';
import { journalCommands, runCommands } from './journal-arbitraries.js';

function indexOf(log: readonly RecordedEvent[]): JournalIndex {
  const index = new JournalIndex();
  for (const event of log) index.apply(event);
  return index;
}

/** The log as the views read it: the events at some positions. */
function readerOf(log: readonly RecordedEvent[]): EventReader {
  return {
    readPositions: (positions) => Promise.resolve(positions.map((position) => log[position - 1]!)),
  };
}

/** What a window is shown of a channel's newest page: the messages as views, the cursors and the count. */
async function latestPage(index: JournalIndex, reader: EventReader, channel: string, limit: number) {
  const page = messagePage(index, channel, { kind: 'latest' }, limit);
  return { ...page, records: await messageViews(index, reader, page.records) };
}

describe("the views' checkpoint preview (a window's first page before the whole index loads)", () => {
  it('answers the channel list and every newest page it holds as the whole index does', async () => {
    await fc.assert(
      fc.asyncProperty(journalCommands, fc.integer({ min: 1, max: 6 }), async (commands, held) => {
        const { log } = runCommands(commands);
        const reader = readerOf(log);
        const saved = saveJournalIndex(indexOf(log), held);
        const whole = loadJournalIndex(saved);
        const preview = loadJournalPreview(saved);
        expect(await channelSummaries(preview, reader)).toStrictEqual(await channelSummaries(whole, reader));
        expect(preview.live).toBe(whole.live);
        expect(preview.position).toBe(whole.position);
        for (const channel of whole.order) {
          for (let limit = 1; limit <= held; limit++) {
            expect(await latestPage(preview, reader, channel, limit)).toStrictEqual(
              await latestPage(whole, reader, channel, limit),
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds only the newest messages of a long channel, and still knows there are older ones', () => {
    const { log } = runCommands([
      { type: 'CreateChannel', channel: 'c1', name: 'Work', at: '2026-03-01T08:00:00.000Z' },
      ...Array.from({ length: 40 }, (_, n) => ({
        type: 'PostMessage' as const,
        message: `m${n}`,
        channel: 'c1',
        text: `message ${n}`,
        at: new Date(Date.UTC(2026, 2, 1, 9, n)).toISOString(),
      })),
    ]);
    const preview = loadJournalPreview(saveJournalIndex(indexOf(log), 10));
    const timeline = preview.timeline('c1');
    expect(timeline.size).toBe(11);
    expect(timeline.live).toBe(40);
    const page = messagePage(preview, 'c1', { kind: 'latest' }, 10);
    expect(page.records.map((record) => record.id)).toStrictEqual(
      Array.from({ length: 10 }, (_, n) => `m${30 + n}`),
    );
    expect(page.older).not.toBeNull();
    expect(page.total).toBe(40);
  });

  it('refuses a checkpoint without its preview line or with damaged columns', () => {
    const { log } = runCommands([
      { type: 'CreateChannel', channel: 'c1', name: 'Work', at: '2026-03-01T08:00:00.000Z' },
    ]);
    const saved = saveJournalIndex(indexOf(log));
    const whole = saved.slice(saved.indexOf('\n') + 1);
    expect(() => loadJournalIndex(whole)).toThrow(/no preview line/);
    expect(() => loadJournalPreview(whole)).toThrow(/no preview line/);
    const damaged = saved.replaceAll('"deleted":""', '"deleted":"1"');
    expect(damaged).not.toBe(saved);
    expect(() => loadJournalIndex(damaged)).toThrow(/damaged/);
  });
});
