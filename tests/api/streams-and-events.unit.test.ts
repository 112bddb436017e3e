import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import { useApiFixture, type SessionUnderTest } from './api-session-fixture.js';

const fixture = useApiFixture();

async function eventAt(session: SessionUnderTest, position: number): Promise<RecordedEvent> {
  return (await session.call('event.get', { position })).event;
}

const SEED = [
  { stream: 'order-1', type: 'Placed' },
  { stream: 'order-2', type: 'Placed' },
  { stream: 'invoice-1', type: 'Issued' },
  { stream: 'order-1', type: 'Paid' },
  { stream: 'Order-10', type: 'Placed' },
  { stream: 'journal', type: 'Noted' },
  { stream: 'order-2', type: 'Paid' },
];

describe('streams.list', () => {
  it('lists matching streams most recently active first, with counts and the time of their last event', async () => {
    const session = await fixture.opened(await fixture.folder(SEED));
    const all = await session.call('streams.list', {});
    expect(all.total).toBe(5);
    expect(all.matched).toBe(5);
    expect(all.streams.map((s) => s.stream)).toEqual([
      'order-2',
      'journal',
      'Order-10',
      'order-1',
      'invoice-1',
    ]);
    expect(all.streams[0]).toEqual({
      stream: 'order-2',
      category: 'order',
      events: 2,
      lastRevision: 1,
      lastPosition: 7,
      lastTime: (await eventAt(session, 7)).time,
    });
    expect(all.streams[3]).toMatchObject({ stream: 'order-1', events: 2, lastPosition: 4 });
    expect(all.streams[3]!.lastTime).toBe((await eventAt(session, 4)).time);
  });

  it('matches wildcards and substrings case-insensitively, filters by category, and pages', async () => {
    const session = await fixture.opened(await fixture.folder(SEED));
    const names = async (arg: Parameters<typeof session.call<'streams.list'>>[1]): Promise<string[]> =>
      (await session.call('streams.list', arg)).streams.map((s) => s.stream);
    expect(await names({ pattern: 'order-?' })).toEqual(['order-2', 'order-1']);
    expect(await names({ pattern: 'ORDER-*' })).toEqual(['order-2', 'Order-10', 'order-1']);
    expect(await names({ pattern: '*1' })).toEqual(['order-1', 'invoice-1']);
    expect(await names({ pattern: 'der-1' })).toEqual(['Order-10', 'order-1']);
    expect(await names({ category: 'order' })).toEqual(['order-2', 'order-1']);
    expect(await names({ category: 'order', pattern: '*2' })).toEqual(['order-2']);
    const page = await session.call('streams.list', { offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 5, matched: 5 });
    expect(page.streams.map((s) => s.stream)).toEqual(['journal', 'Order-10']);
    expect(await session.call('streams.list', { pattern: 'nothing*' })).toEqual({
      total: 5,
      matched: 0,
      streams: [],
    });
  });
});

describe('streams.categories and events.types', () => {
  it('count streams and events per category, most recently active first', async () => {
    const session = await fixture.opened(await fixture.folder(SEED));
    const categories = await session.call('streams.categories', undefined);
    expect(categories.map((c) => c.category)).toEqual(['order', 'journal', 'Order', 'invoice']);
    expect(categories[0]).toEqual({
      category: 'order',
      streams: 2,
      events: 4,
      lastPosition: 7,
      lastTime: (await eventAt(session, 7)).time,
    });
    expect(await session.call('events.types', undefined)).toEqual([
      { type: 'Placed', events: 3 },
      { type: 'Paid', events: 2 },
      { type: 'Issued', events: 1 },
      { type: 'Noted', events: 1 },
    ]);
  });
});

describe('event.get', () => {
  it('gives the event, its stored line and segment, and its neighbours in $all and in its stream', async () => {
    const session = await fixture.opened(await fixture.folder(SEED));
    const detail = await session.call('event.get', { position: 4 });
    expect(detail.event).toMatchObject({ position: 4, stream: 'order-1', revision: 1, type: 'Paid' });
    expect(detail.segment).toMatch(/^\d{12}\.jsonl$/);
    const line = JSON.parse(detail.raw) as Record<string, unknown>;
    expect(line).toMatchObject({ ...detail.event });
    expect(line.crc32c).toMatch(/^[0-9a-f]{8}$/);
    expect(detail).toMatchObject({ previous: 3, next: 5, streamPrevious: 1, streamNext: null });

    const first = await session.call('event.get', { position: 1 });
    expect(first).toMatchObject({ previous: null, next: 2, streamPrevious: null, streamNext: 4 });
    const last = await session.call('event.get', { position: 7 });
    expect(last).toMatchObject({ previous: 6, next: null, streamPrevious: 2 });
  });

  it('says where the log ends when asked past it', async () => {
    const session = await fixture.opened(await fixture.folder(SEED));
    const error = await session.refusal('event.get', { position: 8 });
    expect(error.message).toContain('no event at position 8');
    expect(error.message).toContain('ends at 7');
  });
});

describe('event.append', () => {
  it('appends with an expected revision, and a wrong one answers both revisions', async () => {
    const session = await fixture.opened(await fixture.folder(SEED));
    const result = await session.call('event.append', {
      stream: 'order-1',
      type: 'Shipped',
      data: { carrier: 'post' },
      meta: { by: 'hand' },
      expectedRevision: 1,
    });
    expect(result).toEqual({ firstPosition: 8, lastPosition: 8, nextExpectedRevision: 2, duplicate: false });
    expect(await eventAt(session, 8)).toMatchObject({
      stream: 'order-1',
      revision: 2,
      type: 'Shipped',
      data: { carrier: 'post' },
      meta: { by: 'hand' },
    });
    const conflict = await session.refusal('event.append', {
      stream: 'order-1',
      type: 'Shipped',
      expectedRevision: 1,
    });
    expect(conflict.code).toBe('WrongExpectedRevision');
    expect(conflict.details).toMatchObject({ stream: 'order-1', expected: 1, actual: 2 });
    const fresh = await session.refusal('event.append', {
      stream: 'order-1',
      type: 'X',
      expectedRevision: 'no-stream',
    });
    expect(fresh.details).toMatchObject({ expected: 'no-stream', actual: 2 });
    expect(session.pushed('log.appended')).toContainEqual({ firstPosition: 8, lastPosition: 8 });
  });
});
