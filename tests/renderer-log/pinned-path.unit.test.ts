import { describe, expect, it } from 'vitest';
import { loadPins, pinsKey, savePins } from '../../renderer/src/lib/log/pinned-columns.js';
import {
  cellText,
  parsePinnedPath,
  valueAt,
  type PinnedPath,
} from '../../renderer/src/lib/log/pinned-path.js';

const path = (text: string): PinnedPath => {
  const parsed = parsePinnedPath(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.path;
};

const event = {
  data: {
    sku: 'K-12',
    qty: 3,
    items: [{ sku: 'A' }, { sku: 'B' }],
    nested: { deep: { on: true } },
    'odd key': null,
  },
  meta: { 'correlation-id': 'c-1', user: { id: 7 } },
};

describe('parsePinnedPath', () => {
  it('reads dotted names, indexes and quoted keys, normalised as the event view copies them', () => {
    expect(path('data.sku')).toEqual({ text: 'data.sku', root: 'data', steps: ['sku'] });
    expect(path(' data.items[1].sku ').steps).toEqual(['items', 1, 'sku']);
    expect(path('meta["correlation-id"]').text).toBe('meta["correlation-id"]');
    expect(path('data["sku"]').text).toBe('data.sku');
    expect(path('data["say \\"hi\\""]').steps).toEqual(['say "hi"']);
  });

  it('says what is wrong and where', () => {
    expect(parsePinnedPath('sku')).toEqual({
      ok: false,
      error: 'A field path starts with data or meta, as in data.sku or meta.user.id.',
    });
    expect(parsePinnedPath('data')).toEqual({
      ok: false,
      error: 'Name a field inside data, as in data.sku.',
    });
    expect(parsePinnedPath('data.items[x]')).toEqual({
      ok: false,
      error: 'Unexpected "[" at character 11: use .name, [0] or ["any name"].',
    });
    expect(parsePinnedPath('meta.correlation-id')).toEqual({
      ok: false,
      error: 'Unexpected "-" at character 17: use .name, [0] or ["any name"].',
    });
    expect(parsePinnedPath('dataset.x').ok).toBe(false);
  });
});

describe('valueAt and cellText', () => {
  it('reads the value at a path, or nothing when the event has nothing there', () => {
    expect(valueAt(event, path('data.sku'))).toBe('K-12');
    expect(valueAt(event, path('data.items[1].sku'))).toBe('B');
    expect(valueAt(event, path('meta["correlation-id"]'))).toBe('c-1');
    expect(valueAt(event, path('meta.user.id'))).toBe(7);
    expect(valueAt(event, path('data["odd key"]'))).toBeNull();
    expect(valueAt(event, path('data.items[5].sku'))).toBeUndefined();
    expect(valueAt(event, path('data.sku.length'))).toBeUndefined();
    expect(valueAt(event, path('data.items.length'))).toBeUndefined();
    expect(valueAt({ data: null, meta: null }, path('data.sku'))).toBeUndefined();
    expect(valueAt({ data: {}, meta: null }, path('data.toString'))).toBeUndefined();
  });

  it('shows strings as they are, other values as compact JSON, and nothing as an empty cell', () => {
    expect(cellText('K-12')).toBe('K-12');
    expect(cellText(3)).toBe('3');
    expect(cellText(null)).toBe('null');
    expect(cellText({ on: true })).toBe('{"on":true}');
    expect(cellText(undefined)).toBe('');
  });
});

describe('pinned columns in storage', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
  };

  it('keeps each folder its own pins, in order', () => {
    const storage = memory();
    savePins(storage, 'folder-a', [path('data.sku'), path('meta.user.id')]);
    savePins(storage, 'folder-b', [path('data.qty')]);
    expect(loadPins(storage, 'folder-a').map((pin) => pin.text)).toEqual(['data.sku', 'meta.user.id']);
    expect(loadPins(storage, 'folder-b').map((pin) => pin.text)).toEqual(['data.qty']);
    expect(loadPins(storage, 'folder-c')).toEqual([]);
  });

  it('skips what it cannot read instead of failing the view', () => {
    const storage = memory();
    storage.setItem(pinsKey('f'), '{not json');
    expect(loadPins(storage, 'f')).toEqual([]);
    storage.setItem(pinsKey('f'), JSON.stringify(['data.sku', 42, 'nonsense', 'data.sku', 'data.qty']));
    expect(loadPins(storage, 'f').map((pin) => pin.text)).toEqual(['data.sku', 'data.qty']);
  });
});
