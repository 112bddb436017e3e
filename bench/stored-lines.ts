import type { EventRow } from './baselines/sqlite-wal.js';
import { readLogLines } from './log-lines.js';

/** The fields of a stored line that the baselines store; the rest stays in the parsed object. */
interface StoredLine {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
}

/**
 * The first `count` stored lines of the dataset: the same events the append cases write (the dataset's
 * n-th event is sampleEvent(n)), as the store stored them. A smaller dataset is repeated.
 */
export function datasetLines(folder: string, count: number): Buffer[] {
  const lines = readLogLines(folder, count);
  if (lines.length === 0) throw new Error('the dataset has no lines');
  return Array.from({ length: count }, (_, i) => lines[i % lines.length]!);
}

export function parseLine(line: Buffer): StoredLine {
  return JSON.parse(line.toString('utf8')) as StoredLine;
}

/** The SQLite baseline stores what an event log needs to answer reads: stream, type, data (and position). */
export function toEventRow(line: Buffer): EventRow {
  const event = parseLine(line);
  return { stream: event.stream, type: event.type, data: JSON.stringify(event.data) };
}
