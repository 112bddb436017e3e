import fs from 'node:fs';
import path from 'node:path';
import { AppendJournal, type SyncSegment } from './append-journal.js';
import { writeFileAtomic } from './atomic-file.js';
import { diskFullError } from './disk-full.js';
import { ensureDirectory, inspectEntry, unsafeEntry } from './folder-entry.js';
import { LOG_DIR, type FolderLayout } from './folder-layout.js';
import type { JournalRecord, SegmentMark } from './journal-format.js';
import { replayJournal } from './journal-replay.js';
import type { LogProblem } from './log-problem.js';
import { REPAIRS_DIR } from './tail-repair.js';

export type { SyncSegment } from './append-journal.js';

/**
 * How a writer uses the append journal (append-journal.ts), always under the write lock: it replays the
 * journal on every new lease, makes `always` appends durable through it, retires its records before a
 * seal and at close, and keeps aside (at repair) records that cannot be written back.
 */
export class JournaledWrites {
  private readonly journal: AppendJournal;
  private found: LogProblem[] = [];
  private unapplied: readonly JournalRecord[] = [];

  constructor(
    private readonly layout: FolderLayout,
    /** Called when replay finds records it cannot write back, or when they are dealt with. */
    private readonly onProblemsChanged: () => void,
    journalBytes?: number,
  ) {
    this.journal = new AppendJournal(layout.journal, journalBytes);
  }

  /** Journaled appends that could not be written back: the folder is read-only until repair keeps them. */
  get problems(): readonly LogProblem[] {
    return this.found;
  }

  /** This process wrote records no checkpoint has retired yet. */
  get unretired(): boolean {
    return this.journal.wroteRecords;
  }

  /** Without the lock: whether there may be anything to replay (at open, to skip taking the lock). */
  mayHoldRecords(): boolean {
    return inspectEntry(this.layout.log).kind === 'directory' && this.journal.mayHoldRecords();
  }

  /** Under the lock, on a new lease: reads the records written since the last look, writes back what segments lack. */
  replay(): void {
    // Replay writes into segments: never through a log/ that is a link (the log's check reports it).
    const log = inspectEntry(this.layout.log);
    if (log.kind !== 'directory') throw unsafeEntry(this.layout.root, LOG_DIR, log, 'the log (a directory)');
    let records: JournalRecord[];
    let outcome: ReturnType<typeof replayJournal> | undefined;
    try {
      records = this.journal.learn();
      outcome = records.length === 0 ? undefined : replayJournal(this.layout, records, 'restore');
    } catch (error) {
      this.journal.forget();
      throw error;
    }
    const problems = outcome?.problems ?? [];
    // Records left unapplied are read again on the next lease (another process may have dealt with them).
    if (problems.length > 0) this.journal.forget();
    const changed = problems.length > 0 || this.found.length > 0;
    this.found = problems;
    this.unapplied = outcome?.unapplied ?? [];
    if (changed) this.onProblemsChanged();
  }

  /**
   * Writes `bytes` at `at` of the segment durably. The segment write only reaches the page cache
   * (synchronous: microseconds, and no thread-pool round trip); the journal record is what is synced. A
   * large write (over 64 KiB) is synced in the segment itself.
   */
  write(
    fd: number,
    segment: string,
    bytes: Buffer,
    at: number,
    sync: SyncSegment,
  ): Promise<void> | undefined {
    let reserved: boolean | Promise<boolean>;
    try {
      reserved = this.journal.reserve(segment, at, bytes.length, sync);
      // The common case, a record where the records continue, is done without waiting (and so without a
      // turn of the event loop, which an append loop would pay once an append).
      if (reserved === true) {
        this.writeJournaled(fd, segment, bytes, at);
        return undefined;
      }
    } catch (error) {
      this.journal.forget();
      throw this.diskFull(error, fd, segment, at, bytes.length);
    }
    return this.writeAfter(reserved, fd, segment, bytes, at, sync);
  }

  /**
   * A full disk, said with what the write needed and what the volume has once the part written is cut
   * off again (the caller cuts it too, for any error).
   */
  private diskFull(error: unknown, fd: number, segment: string, at: number, needed: number): unknown {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') return error;
    try {
      fs.ftruncateSync(fd, at);
    } catch {
      // The caller tries again; the message then counts the part written as used.
    }
    return diskFullError(error, this.layout.log, `appending to log/${segment}`, needed);
  }

  private async writeAfter(
    reserved: boolean | Promise<boolean>,
    fd: number,
    segment: string,
    bytes: Buffer,
    at: number,
    sync: SyncSegment,
  ): Promise<void> {
    try {
      if (await reserved) this.writeJournaled(fd, segment, bytes, at);
      else {
        writeAll(fd, bytes, at);
        await this.journal.writtenPast(segment, at + bytes.length, sync);
      }
    } catch (error) {
      this.journal.forget();
      throw this.diskFull(error, fd, segment, at, bytes.length);
    }
  }

  private writeJournaled(fd: number, segment: string, bytes: Buffer, at: number): void {
    writeAll(fd, bytes, at);
    this.journal.append(segment, at, bytes);
  }

  /** Before a segment is sealed (any durability): it is synced, and records pointing into it retired. */
  beforeSeal(segment: string, size: number, sync: SyncSegment): Promise<void> {
    return this.journal.beforeSeal(segment, size, sync);
  }

  /** At close: retires this process's records, so that a journal left behind only holds crash leftovers. */
  retire(sync: SyncSegment): Promise<void> {
    return this.journal.retire(sync);
  }

  /**
   * Repair, under the lock: keeps the records that could not be written back in repairs/ (their lines, as
   * JSON lines), then retires every record (a new generation), which makes the folder writable again.
   */
  async setAside(
    mark: SegmentMark,
    sync: SyncSegment,
  ): Promise<{ keptIn: string; events: number } | undefined> {
    const records = this.unapplied;
    if (this.found.length === 0 || records.length === 0) return undefined;
    const keptIn = path.join(
      this.layout.root,
      REPAIRS_DIR,
      `journal.generation-${this.journal.currentGeneration}.jsonl`,
    );
    const lines = Buffer.concat(records.map((record) => record.bytes));
    ensureDirectory(this.layout.root, REPAIRS_DIR, 'the repairs directory');
    await writeFileAtomic(keptIn, lines);
    await this.journal.checkpoint(mark, sync);
    this.found = [];
    this.unapplied = [];
    this.onProblemsChanged();
    return { keptIn, events: countLines(lines) };
  }

  /** After a failed write: read the journal from scratch at the next lease. */
  forget(): void {
    this.journal.forget();
  }

  close(): void {
    this.journal.close();
  }
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
}

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}
