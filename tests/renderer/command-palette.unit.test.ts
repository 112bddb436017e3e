import { describe, expect, it, vi } from 'vitest';
import type { ActionContext } from '../../renderer/src/lib/actions/action.js';
import { ActionRegistry } from '../../renderer/src/lib/actions/action-registry.svelte.js';
import {
  CommandPalette,
  type PaletteSearcher,
} from '../../renderer/src/lib/palette/command-palette.svelte.js';
import { matchScore } from '../../renderer/src/lib/palette/palette-match.js';

function registry(): ActionRegistry {
  const actions = new ActionRegistry(() => ({ mode: 'browser' }) as ActionContext);
  actions.define([
    { id: 'go.overview', label: 'Go to the overview', group: 'Go to', keys: ['g o'], run: vi.fn() },
    { id: 'event.append', label: 'Append an event…', group: 'Event', keywords: 'new add', run: vi.fn() },
    { id: 'app.theme', label: 'Switch between light and dark theme', group: 'App', run: vi.fn() },
    { id: 'app.palette', label: 'Command palette', group: 'App', hidden: true, run: vi.fn() },
  ]);
  return actions;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('palette matching', () => {
  it('finds words anywhere, word starts first, letters in order last, and ignores case and accents', () => {
    expect(matchScore('', 'Anything')).toBeGreaterThan(0);
    expect(matchScore('overview', 'Go to the overview')).toBeGreaterThan(
      matchScore('view', 'Go to the overview'),
    );
    expect(matchScore('gtov', 'Go to the overview')).toBeGreaterThan(0);
    expect(matchScore('add', 'Append an event…', 'new add')).toBeGreaterThan(0);
    expect(matchScore('CAFÉ', 'café au lait')).toBeGreaterThan(0);
    expect(matchScore('zebra', 'Go to the overview')).toBe(0);
  });
});

describe('the command palette', () => {
  it('lists every action but the hidden ones when nothing is typed, by group', () => {
    const palette = new CommandPalette(() => registry().available(), []);
    expect(palette.items.map((item) => item.label)).toEqual([
      'Go to the overview',
      'Append an event…',
      'Switch between light and dark theme',
    ]);
    expect(palette.items[0]?.keys).toBe('g o');
  });

  it('puts what the searches found before the matching actions, and runs the chosen one', async () => {
    const open = vi.fn();
    const search: PaletteSearcher = (text) => [
      { id: `stream:${text}`, label: text, group: 'Streams', run: open },
    ];
    const palette = new CommandPalette(() => registry().available(), [search]);
    palette.type('theme');
    expect(palette.items.map((item) => item.label)).toEqual(['Switch between light and dark theme']);
    await settle();
    expect(palette.items.map((item) => item.label)).toEqual(['theme', 'Switch between light and dark theme']);
    palette.move(1);
    palette.move(1);
    expect(palette.active).toBe(0);
    palette.chosen()?.run();
    expect(open).toHaveBeenCalledOnce();
  });

  it('drops answers to text the user has typed past, and shows why a search failed', async () => {
    let answer: (items: { id: string; label: string; group: string; run: () => void }[]) => void = () =>
      undefined;
    const slow: PaletteSearcher = () => new Promise((resolve) => (answer = resolve));
    const failing: PaletteSearcher = () => Promise.reject(new Error('streams.list: not connected'));
    const palette = new CommandPalette(() => [], [slow, failing]);
    palette.type('ord');
    await settle();
    const stale = answer;
    palette.type('order');
    await settle();
    stale([{ id: 'old', label: 'old', group: 'Streams', run: vi.fn() }]);
    answer([{ id: 'new', label: 'order-1', group: 'Streams', run: vi.fn() }]);
    await settle();
    expect(palette.items.map((item) => item.id)).toEqual(['new']);
    expect(palette.error).toContain('not connected');
    expect(palette.searching).toBe(false);
  });
});
