/** A projection's state as one table: what a CSV of it holds, and each section of its Markdown. */
export interface StateTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

const MAX_DEPTH = 2;

/**
 * Arrays of objects become rows (columns: their leaf paths, in the order they first appear); an object of
 * objects becomes rows keyed by `key`; an object of plain values becomes key/value rows; anything else is
 * one `value` cell.
 */
export function stateTable(value: unknown): StateTable {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isRecord)) return recordRows(value.map((item) => [undefined, item]));
    return { columns: ['value'], rows: value.map((item: unknown) => [item]) };
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, item]) => isRecord(item)))
      return recordRows(entries as [string, Record<string, unknown>][]);
    return { columns: ['key', 'value'], rows: entries };
  }
  return { columns: ['value'], rows: [[value]] };
}

function recordRows(items: readonly (readonly [string | undefined, Record<string, unknown>])[]): StateTable {
  const paths = new Set<string>();
  for (const [, item] of items) collect(item, '', 1, paths);
  const columns = [...paths];
  const keyed = items[0]?.[0] !== undefined;
  return {
    columns: keyed ? ['key', ...columns] : columns,
    rows: items.map(([key, item]) => {
      const cells = columns.map((column) => valueAt(item, column));
      return keyed ? [key, ...cells] : cells;
    }),
  };
}

function collect(value: Record<string, unknown>, prefix: string, depth: number, paths: Set<string>): void {
  for (const [key, item] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isRecord(item) && depth < MAX_DEPTH && Object.keys(item).length > 0)
      collect(item, path, depth + 1, paths);
    else paths.add(path);
  }
}

function valueAt(item: Record<string, unknown>, path: string): unknown {
  let value: unknown = item;
  for (const part of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
