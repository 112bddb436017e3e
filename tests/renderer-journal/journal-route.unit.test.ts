import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  journalHome,
  journalPlace,
  journalRouteOf,
  journalRoutes,
  type JournalRoute,
} from '../../renderer/src/lib/journal/journal-route.js';
import { RouteTable } from '../../renderer/src/lib/routing/route-table.js';

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
const route: fc.Arbitrary<JournalRoute> = fc
  .record({
    page: fc.constantFrom('channel', 'deleted', 'statistics', 'on-this-day'),
    channel: fc.option(id),
    message: fc.option(id),
    date: fc.option(fc.constantFrom('2026-03-01', '2019-06-14', '2024-02-29')),
    asOf: fc.option(fc.constantFrom('2026-03-01T09:00:00.000Z', '2020-01-01T00:00:00.000Z')),
    search: fc.option(fc.string({ minLength: 1, maxLength: 40 })),
    tag: fc.option(fc.string({ minLength: 1, maxLength: 20 })),
  })
  // A message or a date belongs to a channel; the journal-wide pages have none.
  .map((place) =>
    place.page === 'channel' && place.channel !== null
      ? place
      : { ...place, channel: place.page === 'channel' ? null : null, message: null, date: null },
  );

const table = new RouteTable(journalRoutes, ['event', 'folder']);

describe('journal links', () => {
  it('come back as the same place after a trip through the address', () => {
    fc.assert(
      fc.property(route, (place) => {
        const hash = table.hash(table.normalise(journalPlace(place)));
        const back = table.match(hash);
        expect(back).not.toBeNull();
        expect(journalRouteOf(back!)).toEqual(place);
      }),
    );
  });

  it('read as the journal home, dropping what is malformed, instead of failing', () => {
    const place = table.match('#/journal/channel/..%2Fetc?message=&date=2026-02-30&asof=yesterday&tag=');
    expect(place).not.toBeNull();
    expect(journalRouteOf(place!)).toEqual(journalHome);
  });

  it('are short and readable', () => {
    expect(table.hash(journalPlace({ ...journalHome, channel: 'c1', message: 'm9' }))).toBe(
      '#/journal/channel/c1?message=m9',
    );
    expect(table.hash(journalPlace({ ...journalHome, page: 'statistics' }))).toBe('#/journal/statistics');
  });
});
