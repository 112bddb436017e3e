/**
 * The two positions a view compares (marks A and B). The scrubber flags them on its track and the log
 * flags their rows and tints the rows between, so that what a diff spans can be read off the log.
 */
export interface CompareMarks {
  readonly a: number | null;
  readonly b: number | null;
}

export const NO_MARKS: CompareMarks = { a: null, b: null };

/** The letters a row at `position` carries: "A", "B", "A B" when both marks are on it, or null. */
export function markLabel(marks: CompareMarks, position: number): string | null {
  const onA = marks.a === position;
  const onB = marks.b === position;
  if (onA && onB) return 'A B';
  if (onA) return 'A';
  if (onB) return 'B';
  return null;
}

/** Whether `position` lies strictly between the two marks (either may come first). */
export function betweenMarks(marks: CompareMarks, position: number): boolean {
  const { a, b } = marks;
  if (a === null || b === null) return false;
  return position > Math.min(a, b) && position < Math.max(a, b);
}
