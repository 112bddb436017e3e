import type { JsonValue } from '../../shared/event.js';
import { CliFailure } from './failure.js';

/**
 * Parses JSON typed by a person (a --data flag, a line of --stdin). V8 gives a position for only some
 * syntax errors, so on failure a small scanner finds where the text goes wrong and what was expected.
 */
export function parseJsonText(text: string, what: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new CliFailure(`${what} is not valid JSON: ${describeSyntaxError(text, error as Error)}`);
  }
}

class SyntaxAt extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

function describeSyntaxError(text: string, error: Error): string {
  try {
    scanJson(text);
  } catch (found) {
    if (found instanceof SyntaxAt) return `${found.message} at position ${found.position}`;
  }
  // Nesting deep enough to exhaust the scanner's stack: V8's own words will have to do.
  return error.message;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanJson(text: string): void {
  let i = 0;
  const shown = (): string => (i >= text.length ? 'the end of the input' : JSON.stringify(text[i]));
  const expected = (what: string): SyntaxAt => new SyntaxAt(i, `expected ${what} but found ${shown()}`);
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const char = text[i]!;
      if (char === '"') {
        i++;
        return;
      }
      if (char === '\\') {
        const next = text[i + 1] ?? '';
        if (next !== '' && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else throw new SyntaxAt(i, 'a bad escape sequence in a string');
        continue;
      }
      if (char < ' ') throw new SyntaxAt(i, 'a control character in a string (escape it)');
      i++;
    }
    throw new SyntaxAt(i, 'a string without its closing quote');
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{')
      return container('}', () => {
        space();
        if (text[i] !== '"') throw expected('a property name in double quotes');
        string();
        space();
        if (text[i] !== ':') throw expected("':'");
        i++;
        value();
      });
    if (char === '[') return container(']', value);
    if (char === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    const word = ['true', 'false', 'null'].find((literal) => text.startsWith(literal, i));
    if (word === undefined) throw expected('a JSON value');
    i += word.length;
  };
  const container = (close: string, item: () => void): void => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] !== ',') throw expected(`',' or '${close}'`);
      i++;
    }
  };
  value();
  space();
  if (i < text.length) throw new SyntaxAt(i, `unexpected ${shown()} after the JSON value`);
}
