/**
 * The app's one way to write a number: digits grouped by thousands with commas (12,345), whatever the
 * browser's language, like the ISO UTC times beside them. Positions, revisions and counts all go through
 * here, so a number reads the same in a row, the event panel and a notice.
 */
let grouped: Intl.NumberFormat | undefined;

// Counts and positions are whole numbers: grouped here, because the page's first use of Intl loads ICU's
// data (30 to 80 ms), which the first screen need not wait for. Anything else goes through Intl as before.
const MAX_GROUPED = 1e21;

export function formatCount(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < MAX_GROUPED && !Object.is(value, -0)) {
    return groupDigits(value);
  }
  grouped ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
  return grouped.format(value);
}

function groupDigits(value: number): string {
  const digits = String(Math.abs(value));
  let text = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = text.length; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`;
  return value < 0 ? `-${text}` : text;
}

/** `1 event`, `2,000 events`. */
export function countOf(value: number, one: string, many: string): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}
