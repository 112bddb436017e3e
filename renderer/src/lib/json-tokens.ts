/** A run of a JSON text with the role that decides its colour. */
export interface JsonToken {
  readonly kind: 'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'space';
  readonly text: string;
}

const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:])|(\s+)|(.)/gy;

/**
 * Splits a JSON line into coloured runs without changing a byte: the runs joined are the text, so the raw
 * view still shows exactly what is stored. Text that is not JSON comes out as punctuation, never lost.
 */
export function jsonTokens(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null && match[0] !== ''; match = TOKEN.exec(text)) {
    const [, string, colon, number, literal, punctuation, space] = match;
    if (string !== undefined) {
      tokens.push({ kind: colon === undefined ? 'string' : 'key', text: string });
      if (colon !== undefined) tokens.push({ kind: 'punctuation', text: colon });
    } else if (number !== undefined) tokens.push({ kind: 'number', text: number });
    else if (literal !== undefined) tokens.push({ kind: 'literal', text: literal });
    else if (space !== undefined) tokens.push({ kind: 'space', text: space });
    else tokens.push({ kind: 'punctuation', text: punctuation ?? match[0] });
  }
  return tokens;
}
