import { describe, expect, it, vi } from 'vitest';
import type { ActionContext, ActionDefinition } from '../../renderer/src/lib/actions/action.js';
import { ActionRegistry } from '../../renderer/src/lib/actions/action-registry.svelte.js';
import {
  KeyBindings,
  SEQUENCE_TIMEOUT_MS,
  type KeyEventLike,
} from '../../renderer/src/lib/actions/key-bindings.js';
import { chordOf, keyCaps, keysText } from '../../renderer/src/lib/actions/key-chord.js';

const press = (key: string, modifiers: Partial<KeyEventLike> = {}) => {
  const event = {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    defaultPrevented: false,
    ...modifiers,
    preventDefault: vi.fn(),
  };
  return event;
};
const NOWHERE = { typing: false, modal: false };

function setUp(definitions: ActionDefinition[], mode: 'desktop' | 'browser' = 'browser') {
  let clock = 0;
  const context = { mode } as ActionContext;
  const registry = new ActionRegistry(() => context);
  registry.define(definitions);
  const keys = new KeyBindings(registry, false, () => clock);
  return { registry, keys, later: (ms: number) => (clock += ms) };
}

describe('key chords', () => {
  it('name a printable key by its character, so Shift is part of it', () => {
    expect(chordOf(press('?', { shiftKey: true }), false)).toBe('?');
    expect(chordOf(press('D', { shiftKey: true }), false)).toBe('D');
    expect(chordOf(press('g'), false)).toBe('g');
    expect(chordOf(press('Shift', { shiftKey: true }), false)).toBeNull();
  });

  it('call Ctrl Mod on Linux and Windows and Cmd Mod on macOS', () => {
    expect(chordOf(press('k', { ctrlKey: true }), false)).toBe('Mod+k');
    expect(chordOf(press('K', { ctrlKey: true, shiftKey: true }), false)).toBe('Mod+Shift+k');
    expect(chordOf(press('k', { metaKey: true }), true)).toBe('Mod+k');
    expect(chordOf(press('k', { ctrlKey: true }), true)).toBe('Ctrl+k');
    expect(chordOf(press('ArrowLeft', { altKey: true }), false)).toBe('Alt+ArrowLeft');
    expect(chordOf(press(' '), false)).toBe('Space');
  });

  it('show as key caps, the platform’s way', () => {
    expect(keyCaps('Mod+k', false)).toEqual([['Ctrl', 'K']]);
    expect(keyCaps('Mod+k', true)).toEqual([['⌘', 'K']]);
    expect(keyCaps('g o', false)).toEqual([['g'], ['o']]);
    expect(keyCaps('D', false)).toEqual([['Shift', 'D']]);
    expect(keyCaps('Alt+ArrowLeft', false)).toEqual([['Alt', '←']]);
    expect(keysText('g o', false)).toBe('g then o');
  });
});

describe('key bindings', () => {
  it('run the action of a key, and mark the press handled', () => {
    const run = vi.fn();
    const { keys } = setUp([{ id: 'a', label: 'A', group: 'App', keys: ['n'], run }]);
    const event = press('n');
    expect(keys.press(event, NOWHERE)).toBe(true);
    expect(run).toHaveBeenCalledOnce();
    expect(event.preventDefault).toHaveBeenCalled();
    expect(keys.press(press('m'), NOWHERE)).toBe(false);
  });

  it('run a sequence when its second key follows in time, not later', () => {
    const run = vi.fn();
    const { keys, later } = setUp([{ id: 'go', label: 'Go', group: 'Go to', keys: ['g o'], run }]);
    keys.press(press('g'), NOWHERE);
    later(SEQUENCE_TIMEOUT_MS - 1);
    keys.press(press('o'), NOWHERE);
    expect(run).toHaveBeenCalledOnce();
    keys.press(press('g'), NOWHERE);
    later(SEQUENCE_TIMEOUT_MS + 1);
    keys.press(press('o'), NOWHERE);
    expect(run).toHaveBeenCalledOnce();
  });

  it('leave keys to a focused text field unless the action works while typing, and to a modal dialog', () => {
    const typed = vi.fn();
    const always = vi.fn();
    const { keys } = setUp([
      { id: 't', label: 'T', group: 'App', keys: ['n'], run: typed },
      { id: 'p', label: 'P', group: 'App', keys: ['Mod+k'], whileTyping: true, run: always },
    ]);
    keys.press(press('n'), { typing: true, modal: false });
    keys.press(press('k', { ctrlKey: true }), { typing: true, modal: false });
    expect(typed).not.toHaveBeenCalled();
    expect(always).toHaveBeenCalledOnce();
    keys.press(press('k', { ctrlKey: true }), { typing: false, modal: true });
    expect(always).toHaveBeenCalledOnce();
    expect(keys.press(press('n', { defaultPrevented: true }), NOWHERE)).toBe(false);
  });

  it('run a held key once unless the action repeats', () => {
    const once = vi.fn();
    const again = vi.fn();
    const { keys } = setUp([
      { id: 'o', label: 'O', group: 'App', keys: ['n'], run: once },
      { id: 'r', label: 'R', group: 'Event', keys: ['j'], repeats: true, run: again },
    ]);
    keys.press(press('n', { repeat: true }), NOWHERE);
    keys.press(press('j', { repeat: true }), NOWHERE);
    keys.press(press('j', { repeat: true }), NOWHERE);
    expect(once).not.toHaveBeenCalled();
    expect(again).toHaveBeenCalledTimes(2);
  });
});

describe('the action registry', () => {
  it('runs the handler of the component on screen, the newest first, and none once they are gone', () => {
    const { registry, keys } = setUp([{ id: 'live', label: 'Live', group: 'Log', keys: ['l'] }]);
    expect(registry.run('live')).toBe(false);
    const outer = vi.fn();
    const inner = vi.fn();
    const stopOuter = registry.handle('live', outer);
    const stopInner = registry.handle('live', inner);
    keys.press(press('l'), NOWHERE);
    expect(inner).toHaveBeenCalledOnce();
    stopInner();
    registry.run('live');
    expect(outer).toHaveBeenCalledOnce();
    stopOuter();
    expect(registry.available().map((action) => action.definition.id)).toEqual([]);
  });

  it('leaves out actions that are disabled now or belong to the other mode', () => {
    const run = vi.fn();
    const { registry } = setUp(
      [
        { id: 'back', label: 'Back', group: 'Go to', modes: ['desktop'], run },
        { id: 'off', label: 'Off', group: 'App', enabled: () => false, run },
        { id: 'on', label: 'On', group: 'App', run },
      ],
      'browser',
    );
    expect(registry.available().map((action) => action.definition.id)).toEqual(['on']);
    expect(registry.run('back')).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('lets a later definition of an id replace an earlier one, and removes definitions', () => {
    const { registry } = setUp([{ id: 'x', label: 'First', group: 'App', run: vi.fn() }]);
    const remove = registry.define([{ id: 'x', label: 'Second', group: 'App', run: vi.fn() }]);
    expect(registry.definitions().map((definition) => definition.label)).toEqual(['Second']);
    remove();
    expect(registry.definitions().map((definition) => definition.label)).toEqual(['First']);
  });
});
