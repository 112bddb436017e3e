/**
 * Key chords as actions declare them and key events produce them: `Mod+k` (Ctrl+K, or Cmd+K on macOS),
 * `Alt+ArrowLeft`, `?`, `Escape`, and sequences of chords separated by a space, `g o` (G, then O).
 *
 * A printable key is its character, so Shift is part of it (`?` is Shift+/, `D` is Shift+D) unless Mod or
 * Alt is held too; named keys (`Escape`, `ArrowLeft`, `F1`) name Shift explicitly.
 */

/** What chordOf reads from a KeyboardEvent. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn', 'OS']);

/** The chord a key press makes, or null for a lone modifier (or a dead key). */
export function chordOf(press: KeyPress, mac: boolean): string | null {
  if (MODIFIER_KEYS.has(press.key) || press.key === 'Dead' || press.key === 'Unidentified') return null;
  const parts: string[] = [];
  const mod = mac ? press.metaKey : press.ctrlKey;
  if (mod) parts.push('Mod');
  if (mac && press.ctrlKey) parts.push('Ctrl');
  if (!mac && press.metaKey) parts.push('Meta');
  if (press.altKey) parts.push('Alt');
  const printable = press.key.length === 1;
  const held = parts.length > 0;
  if (press.shiftKey && (!printable || held)) parts.push('Shift');
  // With Mod or Alt held, a letter is named by itself: Ctrl+Shift+K reports "K", macOS Alt+K reports "˚".
  const key = printable ? (held ? press.key.toLowerCase() : press.key) : press.key;
  parts.push(key === ' ' ? 'Space' : key);
  return parts.join('+');
}

/** The chords of a key sequence: `g o` -> ['g', 'o']. */
export function chordsOf(keys: string): string[] {
  return keys.split(' ').filter((chord) => chord !== '');
}

const MAC_SYMBOLS: Readonly<Record<string, string>> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' };
const NAMES: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Space: 'Space',
};

/**
 * How a key sequence is shown: one array of key caps a chord, `Mod+k` -> [['Ctrl', 'K']] (or [['⌘', 'K']]
 * on macOS), `g o` -> [['g'], ['o']], `D` -> [['Shift', 'D']].
 */
export function keyCaps(keys: string, mac: boolean): string[][] {
  return chordsOf(keys).map((chord) => {
    const parts = chord.split('+');
    // "+" itself is a key: "Mod++" splits into ["Mod", "", ""].
    const key = chord.endsWith('++') || chord === '+' ? '+' : parts.pop()!;
    const modifiers = chord.endsWith('++') ? parts.slice(0, -2) : parts;
    const caps = modifiers.map((modifier) =>
      mac ? (MAC_SYMBOLS[modifier] ?? modifier) : modifier === 'Mod' ? 'Ctrl' : modifier,
    );
    if (key.length === 1 && key !== key.toLowerCase() && modifiers.length === 0) {
      // A capital letter is Shift and the letter, which is how people read it on a key sheet.
      return [mac ? '⇧' : 'Shift', key];
    }
    const name = NAMES[key] ?? (key.length === 1 && modifiers.length > 0 ? key.toUpperCase() : key);
    return [...caps, name];
  });
}

/** The keys as plain text, for a title or an aria-keyshortcuts value: `Ctrl+K`, `g then o`. */
export function keysText(keys: string, mac: boolean): string {
  return keyCaps(keys, mac)
    .map((caps) => caps.join(mac ? '' : '+'))
    .join(' then ');
}
