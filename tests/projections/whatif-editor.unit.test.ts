import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { diagnosticOf, offsetOf } from '../../renderer/src/components/code/code-problem.js';
import { projectionNameProblem } from '../../renderer/src/lib/projections/whatif-template.js';

const doc = Text.of(['fromAll().when({', '  $init: () => 0,', '  OrderPlaced: (s) => s +* 1,', '});']);

describe('what-if editor: problems in the code', () => {
  it('marks the token at the reported line and column', () => {
    const diagnostic = diagnosticOf(doc, { line: 2, column: 3, message: 'here' });
    expect(doc.sliceString(diagnostic.from, diagnostic.to)).toBe('$init');
    const operator = diagnosticOf(doc, { line: 3, column: 26, message: 'Unexpected token' });
    expect(doc.sliceString(operator.from, operator.to)).toBe('*');
    expect(operator).toMatchObject({ severity: 'error', message: 'Unexpected token' });
  });

  it('marks the whole line when no column is known, and stays inside a document that shrank', () => {
    const line = diagnosticOf(doc, { line: 3, column: null, message: 'threw' });
    expect(doc.sliceString(line.from, line.to)).toBe('  OrderPlaced: (s) => s +* 1,');
    expect(offsetOf(doc, 40, 80)).toBe(doc.length);
    expect(offsetOf(doc, 1, 500)).toBe(doc.line(1).to);
    const past = diagnosticOf(doc, { line: 9, column: 99, message: 'gone' });
    expect(past.from).toBeLessThanOrEqual(doc.length);
    expect(past.to).toBeLessThanOrEqual(doc.length);
  });
});

describe('what-if editor: names of new projections', () => {
  it('says what is wrong with a name, and accepts a good one', () => {
    expect(projectionNameProblem('', [])).toBe('Give the projection a name');
    expect(projectionNameProblem('my orders', [])).toBe('Use letters, digits, "-" and "_" only');
    expect(projectionNameProblem('../x', [])).toBe('Use letters, digits, "-" and "_" only');
    expect(projectionNameProblem('counter', ['counter'])).toBe('There is already a projection named counter');
    expect(projectionNameProblem('order_totals-2', ['counter'])).toBeNull();
  });
});
