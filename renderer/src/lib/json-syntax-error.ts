/**
 * Finds where and why a JSON text is invalid. JSON.parse says so in words that differ between engines and
 * sometimes without an offset ("Unexpected token 'x', … is not valid JSON"), so the editor walks the text
 * itself once the parse has failed: the offset is then exact and the message the same everywhere.
 */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | null {
  const reader = new Reader(text);
  try {
    reader.space();
    reader.value();
    reader.space();
    if (reader.at < text.length) reader.fail('Unexpected text after the JSON value');
    return null;
  } catch (error) {
    if (error instanceof SyntaxFault) return { offset: error.offset, message: error.message };
    throw error;
  }
}

class SyntaxFault extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

class Reader {
  at = 0;
  constructor(readonly text: string) {}

  fail(message: string, offset = this.at): never {
    throw new SyntaxFault(message, offset);
  }

  space(): void {
    while (/[ \t\n\r]/.test(this.text[this.at] ?? '')) this.at++;
  }

  value(): void {
    const char = this.text[this.at];
    if (char === undefined) this.fail('Unexpected end of input: a value is missing');
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    NUMBER.lastIndex = this.at;
    if (NUMBER.exec(this.text)) {
      this.at = NUMBER.lastIndex;
      return;
    }
    const literal = LITERALS.find((word) => this.text.startsWith(word, this.at));
    if (literal) {
      this.at += literal.length;
      return;
    }
    if (char === "'") this.fail('Strings need double quotes');
    this.fail(`Unexpected ${JSON.stringify(char)}: expected a value`);
  }

  object(): void {
    this.at++;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] === '}') this.fail('Trailing comma before }');
      if (this.text[this.at] !== '"') this.fail('Expected a property name in double quotes');
      this.string();
      this.space();
      if (this.text[this.at] !== ':') this.fail("Expected ':' after the property name");
      this.at++;
      this.space();
      this.value();
      this.space();
      const next = this.text[this.at];
      this.at++;
      if (next === '}') return;
      if (next !== ',') this.fail("Expected ',' or '}' after a property value", this.at - 1);
    }
  }

  array(): void {
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') this.fail('Trailing comma before ]');
      this.value();
      this.space();
      const next = this.text[this.at];
      this.at++;
      if (next === ']') return;
      if (next !== ',') this.fail("Expected ',' or ']' after an array element", this.at - 1);
    }
  }

  string(): void {
    const start = this.at;
    this.at++;
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined || char === '\n') this.fail('Unterminated string', start);
      if (char === '"') {
        this.at++;
        return;
      }
      if (char < ' ') this.fail('Control character in a string (write it as an escape such as \\t)');
      if (char === '\\') {
        const escape = this.text[this.at + 1] ?? '';
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) {
            this.fail('Bad \\u escape: it needs four hex digits');
          }
          this.at += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape) || escape === '') this.fail('Bad escape in a string');
        this.at += 2;
        continue;
      }
      this.at++;
    }
  }
}
