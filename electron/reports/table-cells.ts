/**
 * Cells of CSV and Markdown tables. csv-stringify's escape_formulas prefixes a quote to cells that start
 * with = + - @ tab or CR and their full-width forms; spreadsheets also run formulas after leading spaces
 * or line breaks, and read the small form variants and the minus sign as operators, so those are escaped
 * here as well (numbers stay numbers: a negative number is not a formula).
 */
const OPERATORS = '=+\\-@\\uff1d\\uff0b\\uff0d\\uff20\\ufe62\\ufe63\\ufe66\\ufe6b\\u2212';
const HIDDEN_FORMULA = new RegExp(
  `^(?:[\\s\\u00a0\\u3000]+[${OPERATORS}]|[\\ufe62\\ufe63\\ufe66\\ufe6b\\u2212\\n])`,
);

export type CsvCell = string | number | null;

/** A value as a CSV cell: numbers as numbers, booleans as true/false, objects as JSON, absent as empty. */
export function csvCell(value: unknown): CsvCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  // csv-stringify would write a boolean as 1 or an empty cell.
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return HIDDEN_FORMULA.test(text) ? `'${text}` : text;
}

/** A value as Markdown table cell text: pipes and HTML escaped, line breaks as <br>. */
export function markdownCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/** A Markdown table (header, rule, rows). */
export function markdownTable(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (cells: readonly unknown[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(line)].join('\n');
}
