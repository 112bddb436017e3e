import vm from 'node:vm';

/** A place in a projection's code, 1-based, as an editor shows it. */
export interface CodeLocation {
  readonly line: number;
  readonly column: number;
}

/**
 * Where the code fails to parse, or null when it parses. The worker compiles the code too, but the
 * SyntaxError's place is only in its stack's first lines ("file:LINE", the line, a caret under the
 * column), which do not cross to the host: compiling here (nothing runs) recovers it.
 */
export function syntaxErrorLocation(code: string, filename: string): CodeLocation | null {
  try {
    vm.compileFunction(code, [], {
      filename,
      parsingContext: vm.createContext(Object.create(null) as object),
    });
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxError) && (error as Error | undefined)?.name !== 'SyntaxError') return null;
    const [head = '', , caret = ''] = String((error as Error).stack).split('\n');
    const line = /:(\d+)$/.exec(head);
    const column = caret.indexOf('^');
    if (line === null) return null;
    return { line: Number(line[1]), column: column === -1 ? 1 : column + 1 };
  }
}

/** The place a fault's reason names in `filename` ("… (projections/x.js:3:9)"), or null. */
export function locationInReason(reason: string, filename: string): CodeLocation | null {
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(reason);
  return match === null ? null : { line: Number(match[1]), column: Number(match[2]) };
}
