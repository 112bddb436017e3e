import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareMessages,
  messagesOf,
  placeMessage,
  prependPage,
  appendPage,
  trimEnd,
  trimStart,
  windowOf,
  updateMessage,
  type MessageWindow,
} from '../../renderer/src/lib/journal/message-window.js';
import type { MessagePage, MessageView } from '../../shared/journal/views.js';

const view = (n: number, change: Partial<MessageView> = {}): MessageView => ({
  message: `m${n}`,
  channel: 'c',
  position: n + 1,
  text: `Message ${n}`,
  tags: [],
  addedTags: [],
  attachments: [],
  replyTo: null,
  origin: null,
  at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
  editedAt: null,
  version: 1,
  pinned: false,
  reactions: [],
  conflicts: [],
  deleted: false,
  deletedAt: null,
  ...change,
});

/** The page a server holding messages 0..total-1 answers for [from, to). */
const page = (from: number, to: number, total: number): MessagePage => ({
  messages: Array.from({ length: to - from }, (_, i) => view(from + i)),
  older: from > 0 ? `before:${from}` : null,
  newer: to < total ? `after:${to - 1}` : null,
  total,
  anchor: null,
});

describe('the message window', () => {
  it('stays in order, without doubles and within its budget, whatever the reader scrolls', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        (total, size, budget, moves) => {
          let start = Math.max(0, total - size);
          let end = total;
          let window: MessageWindow = windowOf(page(start, end, total));
          for (const up of moves) {
            if (up && start > 0) {
              const from = Math.max(0, start - size);
              window = trimEnd(prependPage(window, page(from, start, total)), budget);
            } else if (!up && end < total) {
              const to = Math.min(total, end + size);
              window = trimStart(appendPage(window, page(end, to, total)), budget);
            }
            const held = messagesOf(window);
            start = Number(held[0]?.message.slice(1) ?? 0);
            end = Number(held.at(-1)?.message.slice(1) ?? -1) + 1;
            const numbers = held.map((m) => Number(m.message.slice(1)));
            // Consecutive: no gap, no double, in order.
            expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => start + i));
            expect(held.length).toBeLessThanOrEqual(Math.max(budget, 0) + size);
          }
        },
      ),
    );
  });

  it('places a new message in order inside its range, at the end when it reaches now, and leaves others out', () => {
    const total = 10;
    const window = windowOf(page(5, 10, total));
    const late = view(20);
    expect(placeMessage(window, late).placed).toBe('end');
    const early = view(1);
    expect(placeMessage(window, early).placed).toBe('outside');
    const between = view(7, { message: 'x', at: view(7).at, position: 99 });
    const placed = placeMessage(window, between);
    expect(placed.placed).toBe('inside');
    expect(messagesOf(placed.window).map((m) => m.message)).toEqual(['m5', 'm6', 'm7', 'x', 'm8', 'm9']);
    const sorted = [...messagesOf(placed.window)].sort(compareMessages);
    expect(sorted).toEqual(messagesOf(placed.window));
  });

  it('drops a message that became deleted and replaces an edited one in place', () => {
    const window = windowOf(page(0, 3, 3));
    const edited = updateMessage(window, view(1, { text: 'new', version: 2 }));
    expect(messagesOf(edited).map((m) => m.text)).toEqual(['Message 0', 'new', 'Message 2']);
    const gone = updateMessage(window, view(1, { deleted: true }));
    expect(messagesOf(gone).map((m) => m.message)).toEqual(['m0', 'm2']);
  });
});
