import { createRequire } from 'node:module';
import path from 'node:path';
import type { RoundSession } from '../interleaved-rounds.js';

/** A stored event as a row of the SQLite baseline's table. */
export interface EventRow {
  readonly stream: string;
  readonly type: string;
  readonly data: string;
}

// better-sqlite3 ships no type declarations; this is the part of its API the baseline uses.
interface Statement {
  run(...params: unknown[]): unknown;
}
interface Database {
  pragma(source: string): unknown;
  exec(sql: string): unknown;
  prepare(sql: string): Statement;
  transaction<Args extends unknown[]>(work: (...args: Args) => void): (...args: Args) => void;
  close(): void;
}
type DatabaseConstructor = new (file: string) => Database;

/**
 * SQLite as an event log: a table (position INTEGER PRIMARY KEY, stream, type, data) in WAL mode with
 * synchronous=FULL, which syncs the WAL at every commit: SQLite's durable configuration. Each unit is one
 * transaction; a unit of one row is a plain autocommitted INSERT.
 */
export function sqliteTransactions(
  name: string,
  dir: string,
  units: readonly (readonly EventRow[])[],
  plan: { readonly warmup: number; readonly perRound: number; readonly eventsPerUnit: number },
): RoundSession {
  let db: Database | undefined;
  let commit: ((rows: readonly EventRow[]) => void) | undefined;
  let position = 0;
  const commitUnits = (from: number, count: number): void => {
    for (let u = from; u < from + count; u++) commit?.(units[u % units.length] ?? []);
  };
  return {
    name,
    eventsPerRound: plan.perRound * plan.eventsPerUnit,
    start: () => {
      // Loaded on use, so that a missing native build fails only the SQLite rows.
      const Sqlite = createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor;
      const opened = new Sqlite(path.join(dir, 'events.sqlite'));
      db = opened;
      opened.pragma('journal_mode = WAL');
      opened.pragma('synchronous = FULL');
      opened.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT, type TEXT, data TEXT)');
      const insert = opened.prepare('INSERT INTO events (position, stream, type, data) VALUES (?, ?, ?, ?)');
      const put = (row: EventRow): unknown => insert.run(++position, row.stream, row.type, row.data);
      const putAll = opened.transaction((rows: readonly EventRow[]) => rows.forEach(put));
      commit = (rows) => (rows.length === 1 ? put(rows[0]!) : putAll(rows));
      commitUnits(0, plan.warmup);
    },
    round: (r) => commitUnits(plan.warmup + r * plan.perRound, plan.perRound),
    finish: () => db?.close(),
  };
}
