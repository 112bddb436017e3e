import type { ActionRegistry } from './action-registry.svelte.js';
import { chordOf, chordsOf, type KeyPress } from './key-chord.js';

/** How long the second key of a sequence (`g` then `o`) may take. */
export const SEQUENCE_TIMEOUT_MS = 1500;

/** A key press with what the dispatcher needs to know about where it happened. */
export interface KeyEventLike extends KeyPress {
  readonly defaultPrevented: boolean;
  readonly repeat?: boolean;
  preventDefault(): void;
}

export interface KeyTarget {
  /** Focus is in a text field, where keys type. */
  readonly typing: boolean;
  /** A modal dialog is open: it owns the keyboard (it handles its own Escape). */
  readonly modal: boolean;
}

/**
 * Turns key presses into actions: one listener for the whole page. Keys that type (a focused text field)
 * stay the field's unless the action says `whileTyping`; an open modal dialog keeps every key; a press
 * something else already handled (a list's arrows, a popover's Escape) is left alone.
 */
export class KeyBindings {
  readonly #registry: ActionRegistry;
  readonly #mac: boolean;
  readonly #now: () => number;
  #pending: { readonly chord: string; readonly at: number } | null = null;

  constructor(registry: ActionRegistry, mac: boolean, now: () => number = () => Date.now()) {
    this.#registry = registry;
    this.#mac = mac;
    this.#now = now;
  }

  /** Handles a key press; answers whether an action ran (the press is then marked handled). */
  press(event: KeyEventLike, where: KeyTarget): boolean {
    if (event.defaultPrevented || where.modal) return false;
    const chord = chordOf(event, this.#mac);
    if (chord === null) return false;
    const now = this.#now();
    const pending =
      this.#pending !== null && now - this.#pending.at <= SEQUENCE_TIMEOUT_MS ? this.#pending : null;
    this.#pending = null;
    const actions = this.#registry
      .available()
      .filter((action) => !where.typing || action.definition.whileTyping === true);
    const sequences = actions.flatMap((action) =>
      (action.definition.keys ?? []).map((keys) => ({ action, chords: chordsOf(keys) })),
    );
    if (pending !== null) {
      const found = sequences.find(
        ({ chords }) => chords.length === 2 && chords[0] === pending.chord && chords[1] === chord,
      );
      if (found !== undefined) return this.#run(event, () => found.action.run());
    }
    const single = sequences.find(({ chords }) => chords.length === 1 && chords[0] === chord);
    if (single !== undefined) {
      // Holding a key down repeats it: moving through events should, opening a dialog ten times should not.
      if (event.repeat === true && single.action.definition.repeats !== true) {
        event.preventDefault();
        return true;
      }
      return this.#run(event, () => single.action.run());
    }
    if (sequences.some(({ chords }) => chords.length === 2 && chords[0] === chord)) {
      this.#pending = { chord, at: now };
      event.preventDefault();
      return true;
    }
    return false;
  }

  #run(event: KeyEventLike, run: () => void): boolean {
    event.preventDefault();
    run();
    return true;
  }
}

/** Where a key press happened, read from the page: a text field, a modal dialog. */
export function keyTargetOf(target: EventTarget | null, page: Document): KeyTarget {
  const element = target instanceof Element ? target : null;
  const field = element?.closest(
    'input, textarea, select, [contenteditable=""], [contenteditable="true"], .cm-editor',
  );
  const typing =
    field != null &&
    !(
      element instanceof HTMLInputElement &&
      ['checkbox', 'radio', 'button', 'submit', 'range'].includes(element.type)
    );
  return { typing, modal: page.querySelector('dialog:modal') !== null };
}
