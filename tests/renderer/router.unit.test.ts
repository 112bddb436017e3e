import { describe, expect, it } from 'vitest';
import { MemoryAddressBar } from '../../renderer/src/lib/routing/address-bar.js';
import { RouteTable, type Place } from '../../renderer/src/lib/routing/route-table.js';
import { Router } from '../../renderer/src/lib/routing/router.svelte.js';

const table = new RouteTable(
  [
    { name: 'home', path: '/', query: ['streams'] },
    { name: 'stream', path: '/stream/:stream', query: ['text'] },
  ],
  ['event'],
);
const HOME: Place = { route: 'home', params: {}, query: {} };
const stream = (name: string, query: Place['query'] = {}): Place => ({
  route: 'stream',
  params: { stream: name },
  query,
});

function start(hash = ''): { router: Router; bar: MemoryAddressBar } {
  const bar = new MemoryAddressBar(hash);
  const router = new Router(table, bar, HOME);
  router.start();
  return { router, bar };
}

describe('the router', () => {
  it('starts at the place the address names, and rewrites an unknown address to the fallback', () => {
    expect(start('#/stream/order-1?text=gift').router.place).toEqual(stream('order-1', { text: 'gift' }));
    const { router, bar } = start('#/no/such/page');
    expect(router.place).toEqual(HOME);
    expect(bar.entries).toEqual(['#/']);
  });

  it('adds a history entry for each place, and Back and Forward return to them', () => {
    const { router, bar } = start();
    router.navigate(stream('order-1'));
    router.navigate(stream('order-2'));
    expect(bar.entries).toEqual(['#/', '#/stream/order-1', '#/stream/order-2']);
    router.back();
    expect(router.place).toEqual(stream('order-1'));
    router.back();
    expect(router.place).toEqual(HOME);
    router.forward();
    expect(router.place).toEqual(stream('order-1'));
  });

  it('replaces the entry while the same query key changes again and again (typing, arrowing)', () => {
    const { router, bar } = start('#/stream/s');
    router.setQuery({ event: '1' });
    router.setQuery({ event: '2' });
    router.setQuery({ event: '3' });
    router.setQuery({ text: 'g' });
    router.setQuery({ text: 'gi' });
    expect(bar.entries).toEqual(['#/stream/s', '#/stream/s?event=3', '#/stream/s?text=gi&event=3']);
    router.back();
    expect(router.place.query).toEqual({ event: '3' });
  });

  it('adds an entry again after Back, and for a change of another key', () => {
    const { router, bar } = start('#/stream/s');
    router.setQuery({ event: '1' });
    router.back();
    router.setQuery({ event: '2' });
    expect(bar.entries).toEqual(['#/stream/s', '#/stream/s?event=2']);
    expect(bar.index).toBe(1);
  });

  it('follows an address typed by hand, and removes keys set to undefined or empty', () => {
    const { router, bar } = start();
    bar.type('#/stream/typed?event=9');
    expect(router.place).toEqual(stream('typed', { event: '9' }));
    router.setQuery({ event: undefined, text: '' });
    expect(bar.hash).toBe('#/stream/typed');
  });

  it('does nothing for the place it is at, and replaces when told to', () => {
    const { router, bar } = start('#/stream/s');
    router.navigate(stream('s'));
    router.navigate(HOME, { replace: true });
    expect(bar.entries).toEqual(['#/']);
    expect(router.href(stream('a b'))).toBe('#/stream/a%20b');
  });
});
