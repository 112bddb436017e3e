import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RouteTable,
  changedQueryKeys,
  queryInteger,
  type Place,
} from '../../renderer/src/lib/routing/route-table.js';
import { routeTable } from '../../renderer/src/views/index.js';

const table = new RouteTable(
  [
    { name: 'home', path: '/' },
    { name: 'stream', path: '/stream/:stream', query: ['text', 'type'] },
    { name: 'pair', path: '/pair/:a/:b' },
  ],
  ['event'],
);

describe('the route table', () => {
  it('reads an address into a place and writes it back', () => {
    expect(table.match('#/stream/order-42?text=gift&event=7')).toEqual({
      route: 'stream',
      params: { stream: 'order-42' },
      query: { text: 'gift', event: '7' },
    });
    expect(
      table.hash({ route: 'stream', params: { stream: 'order-42' }, query: { event: '7', text: 'gift' } }),
    ).toBe('#/stream/order-42?text=gift&event=7');
    expect(table.match('')).toEqual({ route: 'home', params: {}, query: {} });
    expect(table.match('#/')).toEqual({ route: 'home', params: {}, query: {} });
    expect(table.hash({ route: 'home', params: {}, query: {} })).toBe('#/');
  });

  it('encodes any stream name into one segment, slashes, question marks and spaces included', () => {
    const place: Place = { route: 'stream', params: { stream: 'a/b?c#d e%f' }, query: {} };
    const hash = table.hash(place);
    expect(hash).toBe('#/stream/a%2Fb%3Fc%23d%20e%25f');
    expect(table.match(hash)).toEqual(place);
  });

  it('keeps repeated keys in order, drops keys the route does not keep and empty values', () => {
    expect(table.match('#/stream/s?type=B&type=A&other=1&text=')?.query).toEqual({ type: ['B', 'A'] });
    expect(table.match('#/?text=x&event=3')?.query).toEqual({ event: '3' });
  });

  it('answers null for an address that is no route of it', () => {
    expect(table.match('#/nowhere')).toBeNull();
    expect(table.match('#/stream')).toBeNull();
    expect(table.match('#/stream/a/b')).toBeNull();
    expect(table.match('#stream/x')).toBeNull();
    expect(table.match('#/stream/%E0%A4%A')).toBeNull();
  });

  it('refuses two routes of one name or one path, and a path without its leading slash', () => {
    expect(
      () =>
        new RouteTable([
          { name: 'a', path: '/x' },
          { name: 'a', path: '/y' },
        ]),
    ).toThrow(/named "a"/);
    expect(
      () =>
        new RouteTable([
          { name: 'a', path: '/x/:p' },
          { name: 'b', path: '/x/:q' },
        ]),
    ).toThrow(/same path/);
    expect(() => new RouteTable([{ name: 'a', path: 'x' }])).toThrow(/starts with "\/"/);
  });

  it('round-trips every place of the app, whatever the names and filter text', () => {
    const app = routeTable();
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    const place = fc.oneof(
      fc.record({
        route: fc.constant('log.stream'),
        params: fc.record({ stream: text.filter((s) => s !== '') }),
        query: fc.record(
          {
            text: text.filter((s) => s !== ''),
            type: fc.array(
              text.filter((s) => s !== ''),
              { minLength: 2, maxLength: 3 },
            ),
            event: fc.nat().map(String),
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record({
        route: fc.constant('log.category'),
        params: fc.record({ category: text }),
        query: fc.constant({}),
      }),
      fc.record({
        route: fc.constant('projection'),
        params: fc.record({ name: text.filter((s) => s !== '') }),
        query: fc.record(
          { at: fc.nat().map(String), a: fc.nat().map(String), b: fc.nat().map(String) },
          { requiredKeys: [] },
        ),
      }),
    );
    fc.assert(
      fc.property(place, (original: Place) => {
        expect(app.match(app.hash(original))).toEqual(app.normalise(original));
      }),
    );
  });

  it('names the query keys that changed between two places of one route', () => {
    const a: Place = { route: 'stream', params: { stream: 's' }, query: { text: 'x', event: '1' } };
    expect(changedQueryKeys(a, { ...a, query: { text: 'x', event: '2' } })).toEqual(['event']);
    expect(changedQueryKeys(a, { ...a, params: { stream: 't' } })).toBeNull();
    expect(queryInteger({ event: '12' }, 'event', 1)).toBe(12);
    expect(queryInteger({ event: '0' }, 'event', 1)).toBeUndefined();
    expect(queryInteger({ event: '1e3' }, 'event')).toBeUndefined();
  });
});
