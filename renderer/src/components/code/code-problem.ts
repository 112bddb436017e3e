import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';

/** Something wrong at a place in the code, as the what-if run reports it (1-based line and column). */
export interface CodeProblem {
  readonly line: number;
  readonly column: number | null;
  readonly message: string;
}

/** The document offset of a line and column, kept inside the document (the code may have changed since). */
export function offsetOf(doc: Text, line: number, column: number | null): number {
  const at = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(at.to, at.from + Math.max(0, (column ?? 1) - 1));
}

/** The problem as an editor diagnostic: the word at the column, or the whole line when none is known. */
export function diagnosticOf(doc: Text, problem: CodeProblem): Diagnostic {
  const line = doc.line(Math.min(Math.max(1, problem.line), doc.lines));
  if (problem.column === null) {
    return { from: line.from, to: line.to, severity: 'error', message: problem.message };
  }
  const from = offsetOf(doc, problem.line, problem.column);
  const word = /^[\w$]+/.exec(line.text.slice(from - line.from));
  const to = Math.min(line.to, from + Math.max(1, word?.[0].length ?? 1));
  return { from, to: Math.max(to, from), severity: 'error', message: problem.message };
}
