/**
 * Text from a folder (stream ids, types, data, reasons that quote them) is printed for people, and a
 * folder may come from anyone: an ESC in a stream id would let it move the cursor, recolour or clear the
 * screen, retitle the window or, on some terminals, write to the clipboard; a right-to-left override
 * would make a line read differently from what it holds. So human output shows such characters as
 * `\uXXXX` escapes instead. `--json` output is exact and never passes through here.
 */

/**
 * Code points that change how a terminal shows the rest of the line instead of showing themselves:
 * C0 and C1 controls and DEL, bidirectional overrides, embeddings, isolates and marks, and the Unicode
 * line and paragraph separators.
 */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

function escapeCode(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` safe to print on a terminal: every unsafe character (and a lone surrogate, which is not text
 * at all) becomes `\uXXXX`. With `keepNewlines`, `\n` stays a line break (for JSON laid out on lines,
 * whose strings have their own newlines escaped already).
 */
export function forTerminal(text: string, keepNewlines = false): string {
  let out: string | undefined;
  let copiedTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escaped: string | undefined;
    if (isHighSurrogate(code)) {
      if (isLowSurrogate(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      escaped = escapeCode(code);
    } else if (isLowSurrogate(code) || (isUnsafe(code) && !(keepNewlines && code === 0x0a))) {
      escaped = escapeCode(code);
    }
    if (escaped === undefined) continue;
    out = (out ?? '') + text.slice(copiedTo, i) + escaped;
    copiedTo = i + 1;
  }
  return out === undefined ? text : out + text.slice(copiedTo);
}

/** A JSON value laid out for people (`indent` spaces a level, or one line), safe for a terminal. */
export function jsonForTerminal(value: unknown, indent?: number): string {
  return forTerminal(JSON.stringify(value, null, indent) ?? 'undefined', true);
}
