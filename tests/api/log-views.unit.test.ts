import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogFilter, LogSource } from '../../shared/contract.js';
import type { RecordedEvent } from '../../shared/event.js';
import { MAX_OPEN_VIEWS } from '../../electron/api/index.js';
import { useApiFixture, type SeedEvent, type SessionUnderTest } from './api-session-fixture.js';

const fixture = useApiFixture();

/** 40 events over 4 order streams and 2 invoice streams, types cycling, some data mentioning "Ada". */
function seedEvents(count = 40): SeedEvent[] {
  const types = ['Placed', 'Paid', 'Shipped', 'Noted'];
  return Array.from({ length: count }, (_, i) => ({
    stream: i % 5 === 4 ? `invoice-${i % 2}` : `order-${i % 4}`,
    type: types[i % types.length]!,
    data: { n: i, customer: i % 7 === 0 ? 'Ada Lovelace' : 'Grace' },
  }));
}

async function allEvents(session: SessionUnderTest): Promise<RecordedEvent[]> {
  const view = await session.call('log.open', { source: { kind: 'all' } });
  const page = await session.call('log.page', { view: view.view, index: 0, limit: 500 });
  return [...page.events];
}

/** Every event of a view, once its scan is complete. */
async function viewPositions(
  session: SessionUnderTest,
  source: LogSource,
  filter?: LogFilter,
): Promise<number[]> {
  const opened = await session.call('log.open', filter === undefined ? { source } : { source, filter });
  if (!opened.complete) {
    await session.waitForPush(
      'log.progress',
      (progress) => progress.view === opened.view && progress.complete,
      `view ${opened.view} completes`,
    );
  }
  const positions: number[] = [];
  for (let index = 0; ; index += 7) {
    const page = await session.call('log.page', { view: opened.view, index, limit: 7 });
    positions.push(...page.events.map((event) => event.position));
    if (index + 7 >= page.count) break;
  }
  return positions;
}

const positionsOf = (events: readonly RecordedEvent[], keep: (event: RecordedEvent) => boolean): number[] =>
  events.filter(keep).map((event) => event.position);

describe('log views', () => {
  it('page unfiltered $all by index, oldest first, and say how many there are', async () => {
    const session = await fixture.opened(await fixture.folder(seedEvents()));
    const view = await session.call('log.open', { source: { kind: 'all' } });
    expect(view).toMatchObject({ count: 40, complete: true });
    const page = await session.call('log.page', { view: view.view, index: 5, limit: 10 });
    expect(page.index).toBe(5);
    expect(page.count).toBe(40);
    expect(page.events.map((event) => event.position)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect((await session.call('log.page', { view: view.view, index: 38, limit: 10 })).events).toHaveLength(
      2,
    );
    expect((await session.call('log.page', { view: view.view, index: 40, limit: 10 })).events).toEqual([]);
  });

  it('show one stream, one category, and filter by type and stream pattern from the index', async () => {
    const session = await fixture.opened(await fixture.folder(seedEvents()));
    const events = await allEvents(session);
    const cases: [LogSource, LogFilter | undefined, (event: RecordedEvent) => boolean][] = [
      [{ kind: 'stream', stream: 'order-1' }, undefined, (e) => e.stream === 'order-1'],
      [{ kind: 'category', category: 'invoice' }, undefined, (e) => e.stream.startsWith('invoice-')],
      [{ kind: 'all' }, { types: ['Paid', 'Noted'] }, (e) => e.type === 'Paid' || e.type === 'Noted'],
      [{ kind: 'all' }, { stream: 'ORDER-?' }, (e) => /^order-.$/.test(e.stream)],
      [{ kind: 'all' }, { stream: 'voice' }, (e) => e.stream.includes('voice')],
      [{ kind: 'all' }, { stream: '*-1' }, (e) => e.stream.endsWith('-1')],
      [
        { kind: 'category', category: 'order' },
        { types: ['Placed'] },
        (e) => e.stream.startsWith('order-') && e.type === 'Placed',
      ],
      [{ kind: 'stream', stream: 'order-2' }, { stream: 'invoice*' }, () => false],
      [{ kind: 'all' }, { types: [] }, () => true],
    ];
    for (const [source, filter, keep] of cases) {
      const expected = positionsOf(events, keep);
      const opened = await session.call('log.open', filter === undefined ? { source } : { source, filter });
      expect(opened, JSON.stringify({ source, filter })).toMatchObject({
        count: expected.length,
        complete: true,
      });
      expect(await viewPositions(session, source, filter), JSON.stringify({ source, filter })).toEqual(
        expected,
      );
    }
  });

  it('scan for text in data and metadata, case-insensitively, reporting progress until complete', async () => {
    const many = Array.from({ length: 4500 }, (_, i) => ({
      stream: `order-${i % 50}`,
      type: 'Placed',
      data: { note: i % 1000 === 999 ? 'Needle in the hay' : 'hay' },
    }));
    const session = await fixture.opened(await fixture.folder(many));
    const opened = await session.call('log.open', { source: { kind: 'all' }, filter: { text: 'NEEDLE' } });
    expect(opened.complete).toBe(false);
    const done = await session.waitForPush(
      'log.progress',
      (progress) => progress.view === opened.view && progress.complete,
      'the text scan completes',
    );
    expect(done).toEqual({ view: opened.view, count: 4, complete: true, scanned: 4500, total: 4500 });
    const progress = session.pushed('log.progress').filter((p) => p.view === opened.view);
    const scanned = progress.map((p) => p.scanned);
    expect(scanned).toEqual([...scanned].sort((a, b) => a - b));
    const page = await session.call('log.page', { view: opened.view, index: 0, limit: 10 });
    expect(page.events.map((event) => event.position)).toEqual([1000, 2000, 3000, 4000]);
  });

  it('filter by text combined with the index filters, and by time range', async () => {
    const dir = await fixture.folder([]);
    const writer = await fixture.writer(dir);
    for (const event of seedEvents(30)) {
      await writer.appendToStream(event.stream, [{ type: event.type, data: event.data ?? {} }]);
      // Distinct times, so that a time range cuts somewhere in the middle.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const session = await fixture.opened(dir);
    const events = await allEvents(session);
    expect(await viewPositions(session, { kind: 'category', category: 'order' }, { text: 'ada' })).toEqual(
      positionsOf(events, (e) => e.stream.startsWith('order-') && JSON.stringify(e.data).includes('Ada')),
    );
    const from = events[9]!.time;
    const to = events[19]!.time;
    expect(await viewPositions(session, { kind: 'all' }, { from, to })).toEqual(
      positionsOf(events, (e) => e.time >= from && e.time <= to),
    );
    expect(await viewPositions(session, { kind: 'all' }, { from: to, types: ['Paid'] })).toEqual(
      positionsOf(events, (e) => e.time >= to && e.type === 'Paid'),
    );
  });

  it('filter by field values in a scan, combined with the index filters, with progress until complete', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      stream: `order-${i % 30}`,
      type: i % 2 === 0 ? 'Placed' : 'Paid',
      data: {
        total: i % 250,
        customer: { id: `user-${i % 40}` },
        ...(i % 100 === 0 ? { note: 'Gift' } : {}),
      },
    }));
    const session = await fixture.opened(await fixture.folder(many));
    const everything = await session.call('log.open', { source: { kind: 'all' } });
    const events: RecordedEvent[] = [];
    for (let index = 0; index < everything.count; index += 500) {
      events.push(...(await session.call('log.page', { view: everything.view, index, limit: 500 })).events);
    }
    const opened = await session.call('log.open', {
      source: { kind: 'all' },
      filter: { where: ['data.total > 200'] },
    });
    expect(opened.complete).toBe(false);
    const done = await session.waitForPush(
      'log.progress',
      (progress) => progress.view === opened.view && progress.complete,
      'the value scan completes',
    );
    expect(done.scanned).toBe(3000);
    const total = (e: RecordedEvent) => (e.data as { total: number }).total;
    expect(done.count).toBe(events.filter((e) => total(e) > 200).length);
    expect(
      await viewPositions(
        session,
        { kind: 'category', category: 'order' },
        {
          types: ['Placed'],
          where: ['data.customer.id = user-4', 'data.note exists'],
        },
      ),
    ).toEqual(
      positionsOf(
        events,
        (e) =>
          e.type === 'Placed' &&
          (e.data as { customer: { id: string } }).customer.id === 'user-4' &&
          Object.hasOwn(e.data as object, 'note'),
      ),
    );
    expect(
      await viewPositions(session, { kind: 'all' }, { text: 'gift', where: ['data.total <= 100'] }),
    ).toEqual(positionsOf(events, (e) => JSON.stringify(e.data).includes('Gift') && total(e) <= 100));
  });

  it('refuses a value condition that does not parse, naming it and the character', async () => {
    const session = await fixture.opened(await fixture.folder(seedEvents(3)));
    const error = await session.refusal('log.open', {
      source: { kind: 'all' },
      filter: { where: ['data.n > 1', 'data.n >'] },
    });
    expect(error.code).toBe('BadRequest');
    expect(error.message).toBe(
      'log.open: filter.where[1] "data.n >": > needs a value to compare with, as in data.n > 100.',
    );
    expect(error.details).toMatchObject({ path: ['filter', 'where', 1], at: 8 });
  });

  it('refuses a time that is not one, naming the field', async () => {
    const session = await fixture.opened(await fixture.folder(seedEvents(3)));
    const error = await session.refusal('log.open', {
      source: { kind: 'all' },
      filter: { from: 'yesterday' },
    });
    expect(error.code).toBe('BadRequest');
    expect(error.message).toContain('log.open: filter.from must be an ISO-8601 time');
    expect(error.message).toContain('"yesterday"');
  });

  it('locate the first event at or after a position or a time', async () => {
    const dir = await fixture.folder([]);
    const writer = await fixture.writer(dir);
    for (const event of seedEvents(24)) {
      await writer.appendToStream(event.stream, [{ type: event.type, data: event.data ?? {} }]);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const session = await fixture.opened(dir);
    const events = await allEvents(session);
    const paid = await session.call('log.open', { source: { kind: 'all' }, filter: { types: ['Paid'] } });
    const paidEvents = events.filter((e) => e.type === 'Paid');
    for (const position of [1, 2, 3, 10, 11, 24, 25, 1000]) {
      const expected = paidEvents.findIndex((e) => e.position >= position);
      const { index } = await session.call('log.locate', { view: paid.view, position });
      expect(index, `position ${position}`).toBe(expected === -1 ? paidEvents.length : expected);
    }
    const all = await session.call('log.open', { source: { kind: 'all' } });
    expect(await session.call('log.locate', { view: all.view, position: 7 })).toEqual({ index: 6 });
    for (const time of [
      events[0]!.time,
      events[12]!.time,
      events.at(-1)!.time,
      '2000-01-01T00:00:00Z',
      '2999-01-01T00:00:00Z',
    ]) {
      const expectedAll = events.findIndex((e) => e.time >= new Date(time).toISOString());
      expect((await session.call('log.locate', { view: all.view, time })).index, time).toBe(
        expectedAll === -1 ? events.length : expectedAll,
      );
      const expectedPaid = paidEvents.findIndex((e) => e.time >= new Date(time).toISOString());
      expect((await session.call('log.locate', { view: paid.view, time })).index, time).toBe(
        expectedPaid === -1 ? paidEvents.length : expectedPaid,
      );
    }
    expect((await session.refusal('log.locate', { view: all.view })).code).toBe('BadRequest');
  });

  it('take in live appends: log.appended for all, and a matching view grows while others do not', async () => {
    const dir = await fixture.folder(seedEvents(20));
    const session = await fixture.opened(dir);
    const paid = await session.call('log.open', { source: { kind: 'all' }, filter: { types: ['Paid'] } });
    const invoices = await session.call('log.open', { source: { kind: 'category', category: 'invoice' } });
    const texts = await session.call('log.open', { source: { kind: 'all' }, filter: { text: 'refund' } });
    const all = await session.call('log.open', { source: { kind: 'all' } });
    await session.waitForPush(
      'log.progress',
      (p) => p.view === texts.view && p.complete,
      'the text scan completes',
    );
    const invoiceCount = invoices.count;

    const writer = await fixture.writer(dir);
    await writer.appendToStream('order-9', [{ type: 'Paid', data: { note: 'Refund issued' } }]);
    await session.waitForPush(
      'log.appended',
      (range) => range.lastPosition === 21,
      'the append is announced',
    );
    const grown = await session.waitForPush(
      'log.progress',
      (p) => p.view === paid.view && p.count === paid.count + 1,
      'the Paid view grows',
    );
    expect(grown.complete).toBe(true);
    await session.waitForPush(
      'log.progress',
      (p) => p.view === texts.view && p.count === 1,
      'the text view grows',
    );
    await session.waitForPush('log.progress', (p) => p.view === all.view && p.count === 21, '$all grows');
    const newest = await session.call('log.page', { view: paid.view, index: paid.count, limit: 5 });
    expect(newest.events.map((event) => event.position)).toEqual([21]);
    expect(
      session.pushed('log.progress').filter((p) => p.view === invoices.view && p.count !== invoiceCount),
    ).toEqual([]);
    const stillInvoices = await session.call('log.page', { view: invoices.view, index: 0, limit: 100 });
    expect(stillInvoices.count).toBe(invoiceCount);
  });

  it('scan a folder that is still being indexed after a cold open to its end', async () => {
    const dir = await fixture.folder([]);
    const writer = await fixture.writer(dir);
    for (let batch = 0; batch < 100; batch++) {
      const events = Array.from({ length: 1000 }, (_, i) => ({
        type: 'Placed',
        data: { note: i === 999 ? 'needle' : 'hay '.repeat(20) },
      }));
      await writer.appendToStream(`order-${batch}`, events);
    }
    await writer.close();
    // Without the index cache the folder opens progressively: the index is built after the open answers.
    fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
    const session = fixture.session();
    const opened = await session.call('folder.open', { path: dir });
    const text = await session.call('log.open', { source: { kind: 'all' }, filter: { text: 'needle' } });
    const all = await session.call('log.open', { source: { kind: 'all' } });
    const done = await session.waitForPush(
      'log.progress',
      (p) => p.view === text.view && p.complete,
      'the scan completes',
    );
    expect(done).toMatchObject({ count: 100, scanned: 100_000, total: 100_000 });
    await session.waitForPush(
      'log.progress',
      (p) => p.view === all.view && p.count === 100_000,
      '$all counts all',
    );
    expect(opened.path).toBe(dir);
    expect((await session.call('folder.current', undefined))?.indexing).toBe(false);
  }, 30_000);

  it('keep at most MAX_OPEN_VIEWS views, closing the least recently used', async () => {
    const session = await fixture.opened(await fixture.folder(seedEvents(3)));
    const first = await session.call('log.open', { source: { kind: 'all' } });
    const second = await session.call('log.open', { source: { kind: 'all' } });
    for (let i = 2; i < MAX_OPEN_VIEWS; i++) await session.call('log.open', { source: { kind: 'all' } });
    // Using the first view makes the second the least recently used.
    await session.call('log.page', { view: first.view, index: 0, limit: 1 });
    await session.call('log.open', { source: { kind: 'all' } });
    expect((await session.call('log.page', { view: first.view, index: 0, limit: 1 })).count).toBe(3);
    expect((await session.refusal('log.page', { view: second.view, index: 0, limit: 1 })).code).toBe(
      'BadRequest',
    );
  });

  it('forget a closed view, and say so', async () => {
    const session = await fixture.opened(await fixture.folder(seedEvents(3)));
    const view = await session.call('log.open', { source: { kind: 'all' } });
    expect(await session.call('log.close', { view: view.view })).toBeNull();
    const error = await session.refusal('log.page', { view: view.view, index: 0, limit: 1 });
    expect(error.code).toBe('BadRequest');
    expect(error.message).toContain(view.view);
  });
});
