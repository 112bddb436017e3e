/**
 * Where a text stops being JSON, and why: JSON.parse does not always say where (V8 reports "Unexpected
 * token" without a position), and a person fixing an export by hand needs the line and column. Run only
 * after JSON.parse failed, so it may be simple rather than fast.
 */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const MAX_DEPTH = 5_000;

class Failure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const fail = (message: string): never => {
    throw new Failure(at, message);
  };
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const describe = (): string => (at >= text.length ? 'the end of the file' : JSON.stringify(text[at]));
  const literal = (word: string): void => {
    if (text.startsWith(word, at)) at += word.length;
    else fail(`expected a value, found ${describe()}`);
  };
  const string = (): void => {
    at++;
    for (;;) {
      if (at >= text.length) fail('a string is not closed');
      const char = text[at]!;
      if (char === '"') {
        at++;
        return;
      }
      if (char < ' ') fail('a string holds a control character (a line break must be written \\n)');
      if (char === '\\') {
        const escape = text[at + 1];
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) at += 2;
        else fail('a string holds an unknown escape');
      } else at++;
    }
  };
  const number = (): void => {
    const found = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (found === null) fail(`expected a value, found ${describe()}`);
    at += found![0].length;
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail('values are nested too deeply');
    space();
    const char = text[at];
    if (char === '{') return members(depth);
    if (char === '[') return elements(depth);
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    return number();
  };
  const members = (depth: number): void => {
    at++;
    space();
    if (text[at] === '}') {
      at++;
      return;
    }
    for (;;) {
      space();
      if (text[at] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
      string();
      space();
      if (text[at] !== ':') fail(`expected ':' after a property name, found ${describe()}`);
      at++;
      value(depth + 1);
      space();
      if (text[at] === ',') at++;
      else if (text[at] === '}') {
        at++;
        return;
      } else fail(`expected ',' or '}' after a property, found ${describe()}`);
    }
  };
  const elements = (depth: number): void => {
    at++;
    space();
    if (text[at] === ']') {
      at++;
      return;
    }
    for (;;) {
      value(depth + 1);
      space();
      if (text[at] === ',') at++;
      else if (text[at] === ']') {
        at++;
        return;
      } else fail(`expected ',' or ']' after an element, found ${describe()}`);
    }
  };
  try {
    value(0);
    space();
    if (at < text.length) fail(`expected the end of the file after the value, found ${describe()}`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { offset: error.offset, ...lineAndColumn(text, error.offset), message: error.message };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
