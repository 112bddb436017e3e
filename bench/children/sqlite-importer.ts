// The import a user of SQLite would write for the lines `eventfold append --stdin` takes: read the JSON
// lines, insert each as a row, 1000 rows a transaction, WAL with synchronous=FULL (SQLite's durable
// configuration). Usage: node sqlite-importer.js DATABASE < lines.jsonl
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

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

interface InputLine {
  readonly stream: string;
  readonly type: string;
  readonly data?: unknown;
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: node sqlite-importer.js DATABASE < lines.jsonl');
const Sqlite = createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor;
const db = new Sqlite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT, type TEXT, data TEXT)');
const insert = db.prepare('INSERT INTO events (stream, type, data) VALUES (?, ?, ?)');
const commit = db.transaction((rows: readonly InputLine[]) => {
  for (const row of rows) insert.run(row.stream, row.type, JSON.stringify(row.data ?? {}));
});
let rows: InputLine[] = [];
let imported = 0;
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line === '') continue;
  rows.push(JSON.parse(line) as InputLine);
  if (rows.length === 1000) {
    commit(rows);
    imported += rows.length;
    rows = [];
  }
}
if (rows.length > 0) commit(rows);
imported += rows.length;
db.close();
process.stdout.write(`${imported}\n`);
