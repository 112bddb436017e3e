import { describe, expect, it } from 'vitest';
import { ancestorPaths, searchJson } from '../../renderer/src/lib/json-search.js';
import { TreeSearch } from '../../renderer/src/lib/tree-search.svelte.js';

const state = {
  orders: {
    'order-1': { note: 'Gift wrap', items: [{ sku: 'K1' }, { sku: 'GIFT-CARD' }] },
    'order-2': { note: 'none' },
  },
  gifts: 2,
};

describe('searching a JSON value', () => {
  it('finds keys and values holding the text, ignoring case, in document order', () => {
    const found = searchJson(state, 'gift', 'state');
    expect(found.matches.map((match) => match.path)).toEqual([
      'state.orders["order-1"].note',
      'state.orders["order-1"].items[1].sku',
      'state.gifts',
    ]);
    expect(found.truncated).toBe(false);
    expect(searchJson(state, '  ', 'state').matches).toEqual([]);
  });

  it('stops at the limit and says so, and walks a very deep value without overflowing', () => {
    const many = Array.from({ length: 50 }, () => 'hit');
    expect(searchJson(many, 'hit', 'state', 10)).toMatchObject({ truncated: true });
    let deep: unknown = 'needle';
    for (let i = 0; i < 20_000; i++) deep = { d: deep };
    expect(searchJson(deep as never, 'needle', 'state').matches).toHaveLength(1);
  });

  it('names the nodes to open to show a match', () => {
    const [, second] = searchJson(state, 'gift', 'state').matches;
    expect(ancestorPaths(second!, 'state')).toEqual([
      'state',
      'state.orders',
      'state.orders["order-1"]',
      'state.orders["order-1"].items',
      'state.orders["order-1"].items[1]',
    ]);
  });
});

describe('the search box of a tree', () => {
  it('steps through the matches, round, and keeps the text for a new value', () => {
    const search = new TreeSearch('state');
    search.search(state, 'gift');
    expect(search.currentPath).toBe('state.orders["order-1"].note');
    search.step(-1);
    expect(search.currentPath).toBe('state.gifts');
    expect(search.opened).toEqual(['state']);
    search.search({ gifts: 1 }, search.query);
    expect(search.matches.map((match) => match.path)).toEqual(['state.gifts']);
    expect(search.current).toBe(0);
  });
});
