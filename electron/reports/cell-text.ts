/** Longest cell text a report draws; a report is for reading (exports carry everything). */
const MAX_CELL = 400;

/** A table cell's value as report text: numbers with separators, objects as JSON, absent as empty. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}

/** The stamp in one line of text, for the footer of every page and of the HTML report. */
export function stampSummary(stamp: {
  readonly folder: string;
  readonly selection: { readonly from: number; readonly to: number };
  readonly count: number;
  readonly eventsSha256: string;
}): string {
  return `Eventfold · folder ${stamp.folder} · positions ${stamp.selection.from}..${stamp.selection.to} · ${stamp.count.toLocaleString('en-US')} events · SHA-256 ${stamp.eventsSha256}`;
}
