/**
 * The app's one way to write a number: digits grouped by thousands with commas (12,345), whatever the
 * browser's language, like the ISO UTC times beside them. Positions, revisions and counts all go through
 * here, so a number reads the same in a row, the event panel and a notice.
 */
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

export function formatCount(value: number): string {
  return grouped.format(value);
}

/** `1 event`, `2,000 events`. */
export function countOf(value: number, one: string, many: string): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}
