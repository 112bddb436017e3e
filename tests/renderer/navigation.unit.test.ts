import { describe, expect, it } from 'vitest';
import { Navigation, sameSource, sourceLabel } from '../../renderer/src/lib/navigation.svelte.js';
import { MemoryAddressBar } from '../../renderer/src/lib/routing/address-bar.js';
import { Router } from '../../renderer/src/lib/routing/router.svelte.js';
import { FALLBACK_PLACE, routeTable } from '../../renderer/src/views/index.js';

describe('log sources', () => {
  it('are the same when they show the same events', () => {
    expect(sameSource({ kind: 'all' }, { kind: 'all' })).toBe(true);
    expect(sameSource({ kind: 'stream', stream: 'order-1' }, { kind: 'stream', stream: 'order-1' })).toBe(
      true,
    );
    expect(sameSource({ kind: 'stream', stream: 'order-1' }, { kind: 'stream', stream: 'order-2' })).toBe(
      false,
    );
    expect(sameSource({ kind: 'category', category: 'order' }, { kind: 'stream', stream: 'order' })).toBe(
      false,
    );
  });

  it('are named as the navigation shows them', () => {
    expect(sourceLabel({ kind: 'all' })).toBe('All events');
    expect(sourceLabel({ kind: 'stream', stream: 'order-1' })).toBe('order-1');
    expect(sourceLabel({ kind: 'category', category: 'order' })).toBe('order-*');
    expect(sourceLabel({ kind: 'category', category: '' })).toBe('(no category)');
  });
});

describe('navigation in a folder', () => {
  function navigation(hash = ''): { nav: Navigation; bar: MemoryAddressBar } {
    const bar = new MemoryAddressBar(hash);
    const router = new Router(routeTable(), bar, FALLBACK_PLACE);
    router.start();
    return { nav: new Navigation(router), bar };
  }

  it('reads the view and the open event from the address', () => {
    const { nav } = navigation('#/stream/order-1?event=12');
    expect(nav.view).toEqual({ kind: 'log', source: { kind: 'stream', stream: 'order-1' } });
    expect(nav.selected).toBe(12);
    expect(navigation('#/projection/revenue?at=40').nav.view).toEqual({
      kind: 'projection',
      name: 'revenue',
    });
    expect(navigation('').nav.view).toEqual({ kind: 'overview' });
  });

  it('closes the event when the view changes, unless the new view is given it', () => {
    const { nav, bar } = navigation('#/events');
    nav.select(7);
    nav.showLog({ kind: 'category', category: 'order' });
    expect(nav.selected).toBeNull();
    nav.select(9);
    nav.showLog({ kind: 'stream', stream: 'order-3' }, { event: 9 });
    expect(bar.hash).toBe('#/stream/order-3?event=9');
  });

  it('keeps the folder of the address through every view', () => {
    const { nav, bar } = navigation('#/?folder=%2Fdata%2Fshop');
    nav.showLog({ kind: 'all' });
    nav.showProjection('revenue', { at: '5' });
    expect(bar.hash).toBe('#/projection/revenue?at=5&folder=%2Fdata%2Fshop');
  });

  it('remembers the streams opened, newest first, eight at most', () => {
    const { nav } = navigation();
    for (let i = 0; i < 10; i++) nav.remember(`s-${i}`);
    nav.remember('s-5');
    expect(nav.openedStreams).toEqual(['s-5', 's-9', 's-8', 's-7', 's-6', 's-4', 's-3', 's-2']);
  });
});
