import { diffArrays } from 'diff';
import { sideOf, wordDiff, type WordSegment } from './word-diff.js';

/** One line of the unified view. Numbers are 1-based; a line only one side has has no number on the other. */
export interface UnifiedLine {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
  readonly beforeNumber: number | null;
  readonly afterNumber: number | null;
  /** For a changed line paired with its counterpart: the words this side keeps and changes. */
  readonly words: readonly WordSegment[] | null;
}

export interface LineCell {
  readonly number: number;
  readonly text: string;
  readonly words: readonly WordSegment[] | null;
}

/** One row of the side-by-side view: the old line on the left, the new one on the right. */
export interface SideBySideLine {
  readonly kind: 'same' | 'changed' | 'added' | 'removed';
  readonly before: LineCell | null;
  readonly after: LineCell | null;
}

/**
 * Unchanged lines folded away. Their rows are made only when the view unfolds them: a big state is mostly
 * unchanged lines, and most of them are never looked at.
 */
export interface CollapsedRun<L> {
  readonly kind: 'collapsed';
  readonly count: number;
  /** Line numbers of the first folded line. */
  readonly beforeNumber: number;
  readonly afterNumber: number;
  lines(): readonly L[];
}

export type UnifiedRow = UnifiedLine | CollapsedRun<UnifiedLine>;
export type SideBySideRow = SideBySideLine | CollapsedRun<SideBySideLine>;

export interface LineDiff {
  /** True when the texts are the same: the view says so (EQUAL_STATES_TEXT) and shows nothing else. */
  readonly equal: boolean;
  /** False when the texts differ too much to align: every old line shows removed, every new one added. */
  readonly aligned: boolean;
  readonly addedLines: number;
  readonly removedLines: number;
  readonly unified: readonly UnifiedRow[];
  readonly sideBySide: readonly SideBySideRow[];
}

export interface LineDiffOptions {
  /** Unchanged lines shown around each change before a run is collapsed (default 3). */
  readonly context?: number;
}

export const EQUAL_STATES_TEXT = 'States are equal';

const DEFAULT_CONTEXT = 3;
/** A run is collapsed only if that hides at least this many lines: folding one line away helps nobody. */
const MIN_COLLAPSED = 3;
/** Beyond this many line edits the alignment costs more than it tells (see `aligned`). */
const MAX_LINE_EDITS = 20_000;
/** Longer lines are not word-diffed: the highlight would be noise and the cost quadratic. */
const MAX_WORD_DIFF_LINE = 10_000;

/** A run of lines both texts share, or a change: old lines replaced by new ones (either may be empty). */
type Block =
  | { readonly same: true; readonly lines: readonly string[] }
  | { readonly same: false; readonly removed: readonly string[]; readonly added: readonly string[] };

/**
 * The line diff of two pretty-printed states as the unified and the side-by-side views show it: removed
 * and added lines paired in order within each change (with word highlights for each pair), unchanged runs
 * longer than twice the context collapsed.
 */
export function lineDiff(beforeText: string, afterText: string, options: LineDiffOptions = {}): LineDiff {
  const context = Math.max(0, options.context ?? DEFAULT_CONTEXT);
  const equal = beforeText === afterText;
  const { blocks, aligned } = equal
    ? { blocks: [{ same: true, lines: splitLines(beforeText) } as const], aligned: true }
    : diffBlocks(beforeText, afterText);
  let addedLines = 0;
  let removedLines = 0;
  const unified: UnifiedRow[] = [];
  const sideBySide: SideBySideRow[] = [];
  let beforeNumber = 1;
  let afterNumber = 1;
  blocks.forEach((block, index) => {
    if (block.same) {
      const run = { lines: block.lines, beforeNumber, afterNumber };
      const at = { first: index === 0, last: index === blocks.length - 1 };
      for (const row of unchangedRun(run, context, at, unifiedSame)) unified.push(row);
      for (const row of unchangedRun(run, context, at, sideBySideSame)) sideBySide.push(row);
      beforeNumber += block.lines.length;
      afterNumber += block.lines.length;
      return;
    }
    removedLines += block.removed.length;
    addedLines += block.added.length;
    const pairs = Math.max(block.removed.length, block.added.length);
    const removedRows: UnifiedLine[] = [];
    const addedRows: UnifiedLine[] = [];
    for (let i = 0; i < pairs; i++) {
      const old = block.removed[i];
      const now = block.added[i];
      const words = old !== undefined && now !== undefined ? pairedWords(old, now) : null;
      const before: LineCell | null =
        old === undefined ? null : { number: beforeNumber + i, text: old, words: words?.before ?? null };
      const after: LineCell | null =
        now === undefined ? null : { number: afterNumber + i, text: now, words: words?.after ?? null };
      if (before !== null) removedRows.push({ kind: 'removed', ...unifiedNumbers(before, 'before') });
      if (after !== null) addedRows.push({ kind: 'added', ...unifiedNumbers(after, 'after') });
      const kind = before !== null && after !== null ? 'changed' : before !== null ? 'removed' : 'added';
      sideBySide.push({ kind, before, after });
    }
    // Appended one by one: a spread of a change tens of thousands of lines long would overflow the stack.
    for (const row of removedRows) unified.push(row);
    for (const row of addedRows) unified.push(row);
    beforeNumber += block.removed.length;
    afterNumber += block.added.length;
  });
  return { equal, aligned, addedLines, removedLines, unified, sideBySide };
}

function diffBlocks(beforeText: string, afterText: string): { blocks: Block[]; aligned: boolean } {
  const before = splitLines(beforeText);
  const after = splitLines(afterText);
  // States differ in a few places: the shared head and tail are found by a plain walk, so the diff proper
  // only aligns the middle (on a 1 MB state, a few lines instead of a hundred thousand).
  const shortest = Math.min(before.length, after.length);
  let head = 0;
  while (head < shortest && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shortest - head && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  const removedMiddle = before.slice(head, before.length - tail);
  const addedMiddle = after.slice(head, after.length - tail);
  const changes = diffArrays(removedMiddle, addedMiddle, { maxEditLength: MAX_LINE_EDITS });
  const blocks: Block[] = [];
  if (head > 0) blocks.push({ same: true, lines: before.slice(0, head) });
  if (changes === undefined) {
    blocks.push({ same: false, removed: removedMiddle, added: addedMiddle });
  } else {
    let removed: string[] = [];
    let added: string[] = [];
    const flush = (): void => {
      if (removed.length > 0 || added.length > 0) blocks.push({ same: false, removed, added });
      removed = [];
      added = [];
    };
    for (const change of changes) {
      if (change.removed) removed = removed.concat(change.value);
      else if (change.added) added = added.concat(change.value);
      else {
        flush();
        blocks.push({ same: true, lines: change.value });
      }
    }
    flush();
  }
  if (tail > 0) blocks.push({ same: true, lines: before.slice(before.length - tail) });
  return { blocks, aligned: changes !== undefined };
}

/** The lines of a text; a final newline ends the last line rather than starting an empty one. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function pairedWords(old: string, now: string): { before: WordSegment[]; after: WordSegment[] } | null {
  if (old.length > MAX_WORD_DIFF_LINE || now.length > MAX_WORD_DIFF_LINE) return null;
  const segments = wordDiff(old, now);
  return { before: sideOf(segments, 'before'), after: sideOf(segments, 'after') };
}

function unifiedNumbers(cell: LineCell, side: 'before' | 'after'): Omit<UnifiedLine, 'kind'> {
  return {
    text: cell.text,
    beforeNumber: side === 'before' ? cell.number : null,
    afterNumber: side === 'after' ? cell.number : null,
    words: cell.words,
  };
}

function unifiedSame(text: string, beforeNumber: number, afterNumber: number): UnifiedLine {
  return { kind: 'same', text, beforeNumber, afterNumber, words: null };
}

function sideBySideSame(text: string, beforeNumber: number, afterNumber: number): SideBySideLine {
  return {
    kind: 'same',
    before: { number: beforeNumber, text, words: null },
    after: { number: afterNumber, text, words: null },
  };
}

/**
 * The rows of an unchanged run: `context` lines next to each change, the rest folded. A run at the start
 * keeps only its end, one at the end only its start, and a run with no change on either side (equal
 * texts) folds whole.
 */
function unchangedRun<L>(
  run: { readonly lines: readonly string[]; readonly beforeNumber: number; readonly afterNumber: number },
  context: number,
  at: { readonly first: boolean; readonly last: boolean },
  row: (text: string, beforeNumber: number, afterNumber: number) => L,
): (L | CollapsedRun<L>)[] {
  const rows = (from: number, to: number): L[] => {
    const made: L[] = [];
    for (let i = from; i < to; i++) made.push(row(run.lines[i]!, run.beforeNumber + i, run.afterNumber + i));
    return made;
  };
  const keepStart = at.first ? 0 : context;
  const keepEnd = at.last ? 0 : context;
  const hidden = run.lines.length - keepStart - keepEnd;
  if (hidden < MIN_COLLAPSED) return rows(0, run.lines.length);
  const folded: CollapsedRun<L> = {
    kind: 'collapsed',
    count: hidden,
    beforeNumber: run.beforeNumber + keepStart,
    afterNumber: run.afterNumber + keepStart,
    lines: () => rows(keepStart, keepStart + hidden),
  };
  return [...rows(0, keepStart), folded, ...rows(run.lines.length - keepEnd, run.lines.length)];
}
