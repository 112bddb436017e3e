import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lineDiff,
  type CollapsedRun,
  type SideBySideLine,
  type UnifiedLine,
  type UnifiedRow,
} from '../../renderer/src/lib/diff/line-diff.js';
import { prettyStates } from '../../renderer/src/lib/diff/pretty-states.js';
import type { JsonValue } from '../../shared/event.js';

const lines = (count: number, prefix = 'line'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

function unfold<L>(rows: readonly (L | CollapsedRun<L>)[]): L[] {
  return rows.flatMap((row) => (isCollapsed(row) ? [...row.lines()] : [row]));
}

function isCollapsed<L>(row: L | CollapsedRun<L>): row is CollapsedRun<L> {
  return (row as { kind: string }).kind === 'collapsed';
}

/** What a reader sees: `  text` for a same line, `- text` and `+ text` for changes, `…N` for a fold. */
function unifiedText(rows: readonly UnifiedRow[]): string[] {
  return rows.map((row) =>
    row.kind === 'collapsed'
      ? `…${row.count}`
      : `${row.kind === 'same' ? ' ' : row.kind === 'added' ? '+' : '-'} ${row.text}`,
  );
}

describe('lineDiff', () => {
  it('says the states are equal, with the whole text folded away', () => {
    const text = lines(10).join('\n');
    const diff = lineDiff(text, text);
    expect(diff.equal).toBe(true);
    expect(diff.addedLines + diff.removedLines).toBe(0);
    expect(unifiedText(diff.unified)).toEqual(['…10']);
    expect(unfold(diff.sideBySide).map((row) => row.before?.text)).toEqual(lines(10));
  });

  it('shows a change with three lines of context and folds the unchanged runs around it', () => {
    const before = lines(20);
    const after = [...before];
    after[9] = 'line ten';
    const diff = lineDiff(before.join('\n'), after.join('\n'));
    expect(diff.equal).toBe(false);
    expect(unifiedText(diff.unified)).toEqual([
      '…6',
      '  line 7',
      '  line 8',
      '  line 9',
      '- line 10',
      '+ line ten',
      '  line 11',
      '  line 12',
      '  line 13',
      '…7',
    ]);
    expect({ added: diff.addedLines, removed: diff.removedLines }).toEqual({ added: 1, removed: 1 });
    const folds = diff.unified.filter((row) => row.kind === 'collapsed');
    expect(folds.map((fold) => [fold.beforeNumber, fold.afterNumber, fold.count])).toEqual([
      [1, 1, 6],
      [14, 14, 7],
    ]);
  });

  it('keeps a short unchanged run between two changes unfolded, and follows the context option', () => {
    const before = lines(12);
    const after = [...before];
    after[1] = 'two';
    after[8] = 'nine';
    const diff = lineDiff(before.join('\n'), after.join('\n'), { context: 1 });
    expect(unifiedText(diff.unified)).toEqual([
      '  line 1',
      '- line 2',
      '+ two',
      '  line 3',
      '…4',
      '  line 8',
      '- line 9',
      '+ nine',
      '  line 10',
      '  line 11',
      '  line 12',
    ]);
  });

  it('pairs removed and added lines side by side, with word highlights and line numbers', () => {
    const diff = lineDiff(
      '{\n  "name": "old name",\n  "n": 1\n}',
      '{\n  "name": "new name",\n  "extra": true,\n  "n": 1\n}',
    );
    const rows = unfold(diff.sideBySide);
    expect(rows.map((row) => [row.kind, row.before?.number ?? null, row.after?.number ?? null])).toEqual([
      ['same', 1, 1],
      ['changed', 2, 2],
      ['added', null, 3],
      ['same', 3, 4],
      ['same', 4, 5],
    ]);
    const changed = rows[1]!;
    expect(changed.before?.words?.filter((w) => w.kind !== 'same').map((w) => w.text)).toEqual(['old']);
    expect(changed.after?.words?.filter((w) => w.kind !== 'same').map((w) => w.text)).toEqual(['new']);
    expect(rows[2]!.after?.words).toBeNull();
  });

  it('reads a text with or without a final newline the same way', () => {
    const diff = lineDiff('a\nb', 'a\nb\nc\n');
    expect(unifiedText(diff.unified)).toEqual(['  a', '  b', '+ c']);
  });

  it('from empty to some text, everything is added', () => {
    const diff = lineDiff('', 'x\ny');
    expect(unifiedText(diff.unified)).toEqual(['+ x', '+ y']);
    expect(unfold(diff.sideBySide).map((row) => row.kind)).toEqual(['added', 'added']);
  });

  it('unfolded, both views spell both texts in order, each line numbered from 1', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', '', '  "x": 1,', '}'), { maxLength: 15 })
      .map((parts) => parts.join('\n'));
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
        const diff = lineDiff(before, after, { context });
        const expectedBefore = before === '' ? [] : before.replace(/\n$/, '').split('\n');
        const expectedAfter = after === '' ? [] : after.replace(/\n$/, '').split('\n');
        const unified: UnifiedLine[] = unfold(diff.unified);
        expect(unified.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(expectedBefore);
        expect(unified.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(expectedAfter);
        expect(unified.flatMap((l) => (l.beforeNumber === null ? [] : [l.beforeNumber]))).toEqual(
          expectedBefore.map((_, i) => i + 1),
        );
        const sides: SideBySideLine[] = unfold<SideBySideLine>(diff.sideBySide);
        expect(sides.flatMap((row) => (row.before === null ? [] : [row.before.text]))).toEqual(
          expectedBefore,
        );
        expect(sides.flatMap((row) => (row.after === null ? [] : [row.after.number]))).toEqual(
          expectedAfter.map((_, i) => i + 1),
        );
        expect(diff.equal).toBe(before === after);
      }),
      { numRuns: 500 },
    );
  });
});

describe('prettyStates', () => {
  it('prints an absent state as empty text', () => {
    expect(prettyStates(undefined, { a: 1 })).toEqual({ before: '', after: '{\n  "a": 1\n}' });
  });

  it('prints the new state with the keys in the old state order, so a reordered object shows no change', () => {
    const before = { b: 1, a: { y: 2, x: 1 }, items: [{ id: 'p', k: 1, j: 2 }] };
    const after: JsonValue = {
      a: { x: 1, y: 3 },
      items: [
        { id: 'q', j: 0 },
        { j: 2, k: 1, id: 'p' },
      ],
      b: 1,
      c: 0,
    };
    const { before: beforeText, after: afterText } = prettyStates(before, after);
    expect(JSON.parse(afterText)).toEqual(after);
    expect(Object.keys(JSON.parse(afterText) as object)).toEqual(['b', 'a', 'items', 'c']);
    expect(unifiedText(lineDiff(beforeText, afterText).unified)).toEqual([
      '  {',
      '    "b": 1,',
      '    "a": {',
      '-     "y": 2,',
      '+     "y": 3,',
      '      "x": 1',
      '    },',
      '    "items": [',
      '      {',
      '+       "id": "q",',
      '+       "j": 0',
      '+     },',
      '+     {',
      '        "id": "p",',
      '        "k": 1,',
      '        "j": 2',
      '      }',
      '-   ]',
      '+   ],',
      '+   "c": 0',
      '  }',
    ]);
  });
});
