import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  journalHome,
  journalRouteParams,
  parseJournalRoute,
  type JournalRoute,
} from '../../renderer/src/lib/journal/journal-route.js';

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
const route: fc.Arbitrary<JournalRoute> = fc.record({
  page: fc.constantFrom('channel', 'deleted', 'statistics', 'on-this-day'),
  channel: fc.option(id),
  message: fc.option(id),
  date: fc.option(fc.constantFrom('2026-03-01', '2019-06-14', '2024-02-29')),
  asOf: fc.option(fc.constantFrom('2026-03-01T09:00:00.000Z', '2020-01-01T00:00:00.000Z')),
  search: fc.option(fc.string({ maxLength: 40 })),
  tag: fc.option(fc.string({ minLength: 1, maxLength: 20 })),
});

describe('journal links', () => {
  it('come back as the same place after a trip through the URL', () => {
    fc.assert(
      fc.property(route, (place) => {
        const url = new URL(`http://127.0.0.1/?${journalRouteParams(place).toString()}`);
        expect(parseJournalRoute(url.searchParams)).toEqual(place);
      }),
    );
  });

  it('drop what is malformed instead of failing', () => {
    const parsed = parseJournalRoute(
      new URLSearchParams('view=bogus&channel=../etc&message=&date=2026-02-30&asof=yesterday&tag='),
    );
    expect(parsed).toEqual(journalHome);
  });

  it('write only what is set, so links stay short', () => {
    expect(journalRouteParams({ ...journalHome, channel: 'c1', message: 'm9' }).toString()).toBe(
      'channel=c1&message=m9',
    );
  });
});
