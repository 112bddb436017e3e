import { parse, type Node } from 'acorn';

/** A projection is a fold, not a bundle: a file larger than this is refused before anything parses it. */
export const MAX_CODE_BYTES = 4 * 1024 * 1024;

/** Why user code is refused before it runs, with the place (1-based) when there is one. */
export class CodeRefused extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
    this.name = 'CodeRefused';
  }
}

/**
 * Parses projection code as the sandbox compiles it (a function body) and refuses what would let it out
 * of its context: `import()` (whose rejection would carry an object of the host) and `import.meta`.
 * Parsing is the check because text is not: a comment or a line break between `import` and `(` reaches
 * the same import. Code the parser cannot parse is refused too (fail closed), naming the line and column.
 * Throws CodeRefused; the message names `filename:line:column` as a stack trace would.
 */
export function checkProjectionCode(code: string, filename: string): void {
  const bytes = Buffer.byteLength(code);
  if (bytes > MAX_CODE_BYTES) {
    throw new CodeRefused(
      `${filename} is ${megabytes(bytes)}; a projection may be at most ${megabytes(MAX_CODE_BYTES)}`,
      null,
      null,
    );
  }
  let program: Node;
  try {
    program = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowReturnOutsideFunction: true,
      locations: true,
    });
  } catch (error) {
    const { loc } = error as { loc?: { line: number; column: number } };
    const message = (error as Error).message.replace(/ \(\d+:\d+\)$/, '');
    if (loc === undefined) throw new CodeRefused(`SyntaxError: ${message} (${filename})`, null, null);
    throw new CodeRefused(
      `SyntaxError: ${message} (${filename}:${loc.line}:${loc.column + 1})`,
      loc.line,
      loc.column + 1,
    );
  }
  const found = forbiddenNode(program);
  if (found !== undefined) {
    const { line, column } = found.loc!.start;
    const what = found.type === 'ImportExpression' ? 'import()' : 'import.meta';
    throw new CodeRefused(
      `${what} is not available in projections: a projection is a pure fold over events (${filename}:${line}:${column + 1})`,
      line,
      column + 1,
    );
  }
}

/** The first ImportExpression or import.meta in the tree, walked without recursion (deep code is no problem). */
function forbiddenNode(program: Node): Node | undefined {
  const work: unknown[] = [program];
  while (work.length > 0) {
    const value = work.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) work.push(value[i]);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const node = value as Node & Record<string, unknown>;
    if (typeof node.type !== 'string') continue;
    if (node.type === 'ImportExpression') return node;
    if (node.type === 'MetaProperty' && (node.meta as { name?: string } | undefined)?.name === 'import')
      return node;
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'type') continue;
      const child = node[key];
      if (typeof child === 'object' && child !== null) work.push(child);
    }
  }
  return undefined;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
