import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { syncDirectory } from './atomic-file.js';
import { freeBytes } from './disk-full.js';
import { inspectEntry, unsafeEntry } from './folder-entry.js';
import {
  encodeHeader,
  writeRecord,
  JOURNAL_BYTES,
  alignRecord,
  JOURNAL_HEADER_BYTES,
  JOURNAL_MIN_BYTES,
  RECORD_ALIGN,
  readHeader,
  readRecords,
  recordSize,
  type JournalRecord,
  type SegmentMark,
} from './journal-format.js';

/** Makes a segment's bytes durable (fdatasync), for a checkpoint. */
export type SyncSegment = (segment: string) => Promise<void>;

/**
 * log/journal.bin: the durable copy of recent appends, so that an acknowledged append costs one synced
 * overwrite of an allocated block instead of a synced write that grows the segment. On ext4 (and most
 * journaling file systems) syncing a file whose size changed commits the file system's own journal; an
 * overwrite of a preallocated file does not. The segment is written to the page cache only, and synced
 * at a checkpoint, which then retires the records by starting a new generation.
 *
 * Only a holder of the write lock touches the file. Each process keeps what it knows of it (generation,
 * where the records end) and, on taking the lock, reads only the records written since (`learn`).
 *
 * The invariant that makes replay sound: every byte of a segment before a valid record's offset is on
 * disk or in an earlier valid record. `covered` is how far that holds; a record is only written right
 * there, otherwise a checkpoint (which syncs the segment) comes first.
 */
export class AppendJournal {
  private fd: number | undefined;
  private ino = -1;
  private fileSize = 0;
  private generation = 0;
  private headerValid = false;
  private writeOffset = JOURNAL_HEADER_BYTES;
  /** Whether what is known of the records up to `writeOffset` still holds for `generation`. */
  private known = false;
  private readonly segmentsInRecords = new Set<string>();
  covered: SegmentMark | undefined;
  /** This process wrote records that no checkpoint has retired yet (close retires them). */
  wroteRecords = false;
  /** The buffer records are encoded in, reused: each is written before the next is made. */
  private scratch = Buffer.allocUnsafe(4096);
  /** Until then, appends go straight to the segment: the volume had no room for a journal. */
  private noRoomUntil = 0;

  constructor(
    readonly file: string,
    private readonly createBytes = JOURNAL_BYTES,
  ) {}

  /**
   * Under the lock, at a new lease: the records written since this process last looked (all of them
   * after a checkpoint by another process or at the first look), for replay.
   */
  learn(): JournalRecord[] {
    const fd = this.openExisting();
    if (fd === undefined) return [];
    const header = this.fileSize >= JOURNAL_MIN_BYTES ? readHeader(fd) : undefined;
    this.headerValid = header !== undefined;
    if (header === undefined) {
      // Torn while a checkpoint rewrote it (the segments were synced before) or never finished: the next
      // durable append rebuilds the file; there is nothing to replay.
      this.forget();
      return [];
    }
    if (!this.known || header.generation !== this.generation) {
      this.generation = header.generation;
      this.writeOffset = JOURNAL_HEADER_BYTES;
      this.segmentsInRecords.clear();
      this.covered = header.synced;
      this.wroteRecords = false;
    }
    const records = readRecords(fd, this.fileSize, this.generation, this.writeOffset);
    for (const record of records) {
      this.segmentsInRecords.add(record.segment);
      this.covered = { segment: record.segment, end: record.offset + record.bytes.length };
      this.writeOffset = record.next;
    }
    this.known = true;
    return records;
  }

  /** The generation the records (if any) belong to, as last read or written. */
  get currentGeneration(): number {
    return this.generation;
  }

  /** Without the lock: whether the journal may hold valid records (at open, to skip taking the lock). */
  mayHoldRecords(): boolean {
    const fd = this.openExisting();
    if (fd === undefined || this.fileSize < JOURNAL_MIN_BYTES) return false;
    const header = readHeader(fd);
    return (
      header !== undefined &&
      readRecords(fd, this.fileSize, header.generation, JOURNAL_HEADER_BYTES, 1).length > 0
    );
  }

  /** Read it all again at the next look (after an error, or when replay left records unapplied). */
  forget(): void {
    this.known = false;
    this.covered = undefined;
  }

  /**
   * Makes room for the record of `lineBytes` at `offset` of `segment` (creating the journal or starting
   * a new generation when needed). False for a large write (over 64 KiB, or more than the journal holds):
   * it is then written to the segment and `writtenPast` syncs it there.
   */
  reserve(segment: string, offset: number, lineBytes: number, sync: SyncSegment): boolean | Promise<boolean> {
    const size = recordSize(segment, lineBytes);
    if (this.fd !== undefined && this.headerValid) {
      if (size > Math.min(this.fileSize - JOURNAL_HEADER_BYTES, DIRECT_ABOVE)) return false;
      return this.makeRoom(segment, offset, size, sync);
    }
    if (size > Math.min(this.createBytes - JOURNAL_HEADER_BYTES, DIRECT_ABOVE)) return false;
    // No room for a journal on this volume (looked at a moment ago): the append is synced in the segment.
    if (Date.now() < this.noRoomUntil) return false;
    return this.create().then((created) => {
      if (!created || size > this.fileSize - JOURNAL_HEADER_BYTES) return false;
      return this.makeRoom(segment, offset, size, sync);
    });
  }

  /** True at once when the record fits where the records continue; after a checkpoint otherwise. */
  private makeRoom(segment: string, offset: number, size: number, sync: SyncSegment): true | Promise<true> {
    // Every new lease learns the journal first; writing without knowing where records end would clobber them.
    if (!this.known) throw new Error('log/journal.bin was not read under this lease');
    const continues = offset === 0 || (this.covered?.segment === segment && this.covered.end === offset);
    if (continues && this.writeOffset + size <= this.fileSize) return true;
    return this.checkpoint({ segment, end: offset }, sync).then(() => true as const);
  }

  /** Writes the record and returns once it is on disk. `reserve` must have made room for it. */
  append(segment: string, offset: number, bytes: Uint8Array): void {
    const fd = this.fd!;
    const size = recordSize(segment, bytes.length);
    if (this.scratch.length < size)
      this.scratch = Buffer.allocUnsafe(Math.max(size, 2 * this.scratch.length));
    const length = writeRecord(this.scratch, this.generation, segment, offset, bytes);
    try {
      writeDurably(fd, this.scratch, this.writeOffset, length);
    } catch (error) {
      this.forget();
      // The record may be on disk in part or whole; its tag zeroed, replay will not write it back
      // where the failed append's caller was told it did not happen.
      try {
        writeDurably(fd, Buffer.alloc(4), this.writeOffset, 4);
      } catch {
        // Nothing more can be done; the segment bytes are truncated by the caller.
      }
      throw error;
    }
    this.writeOffset = alignRecord(this.writeOffset + length);
    this.covered = { segment, end: offset + bytes.length };
    this.segmentsInRecords.add(segment);
    this.wroteRecords = true;
  }

  /**
   * After an append written straight to the segment: syncs it and, if there is a journal, starts a new
   * generation from its end, so that the file alone says what is on disk (records continue from the mark).
   */
  async writtenPast(segment: string, end: number, sync: SyncSegment): Promise<void> {
    if (this.fd !== undefined && this.headerValid && this.known && this.segmentsInRecords.size > 0)
      await this.checkpoint({ segment, end }, sync);
    else {
      await sync(segment);
      // No record to retire (a run of large appends, an import): the synced segment is all the invariant
      // needs, so a record may continue at `end` without a synced header rewrite (a second synced write
      // each batch). The header's older mark only makes another process checkpoint before its first record.
      if (this.known && this.segmentsInRecords.size === 0) this.covered = { segment, end };
    }
  }

  /**
   * Before a segment is sealed: it is synced (the next segment's first record relies on it) and records
   * pointing into it are retired, so that records only ever point into the last segment.
   */
  async beforeSeal(segment: string, size: number, sync: SyncSegment): Promise<void> {
    if (this.known && this.segmentsInRecords.size > 0) await this.checkpoint({ segment, end: size }, sync);
    else await sync(segment);
  }

  /** At close: retires this process's records, so that a journal left behind only holds crash leftovers. */
  async retire(sync: SyncSegment): Promise<void> {
    if (this.known && this.wroteRecords && this.covered !== undefined && this.segmentsInRecords.size > 0)
      await this.checkpoint(this.covered, sync);
  }

  /**
   * Syncs every segment the records point into and `mark`'s segment, then starts a new generation,
   * which invalidates every record at once; the next record goes to the start again.
   */
  async checkpoint(mark: SegmentMark, sync: SyncSegment): Promise<void> {
    const fd = this.fd!;
    for (const segment of new Set([...this.segmentsInRecords, mark.segment])) await sync(segment);
    const generation = (this.generation + 1) >>> 0 || 1;
    try {
      const header = encodeHeader({ generation, synced: mark });
      writeDurably(fd, header, 0, header.length);
    } catch (error) {
      this.forget();
      throw error;
    }
    this.generation = generation;
    this.writeOffset = JOURNAL_HEADER_BYTES;
    this.segmentsInRecords.clear();
    this.covered = mark;
    this.wroteRecords = false;
    this.known = true;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.ino = -1;
    this.headerValid = false;
    this.forget();
  }

  /** The descriptor of the file at the path now (another process may have rebuilt it); undefined if none. */
  private openExisting(): number | undefined {
    let stat: fs.Stats;
    try {
      // Not followed: a link (or a directory, a FIFO) in the journal's place is refused, never written through.
      stat = fs.lstatSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.close();
      return undefined;
    }
    if (!stat.isFile()) {
      this.close();
      throw unsafeEntry(
        path.dirname(this.file),
        path.basename(this.file),
        inspectEntry(this.file),
        'the append journal (a file)',
      );
    }
    if (this.fd === undefined || stat.ino !== this.ino) {
      this.close();
      this.fd = fs.openSync(this.file, fs.constants.O_RDWR | O_NOFOLLOW | (O_DSYNC ?? 0));
      this.ino = fs.fstatSync(this.fd).ino;
    }
    this.fileSize = stat.size;
    return this.fd;
  }

  /**
   * Writes the whole file beside its place and renames it in, so that a half-made journal never exists
   * under its name; the zeros are written (not a sparse hole) so that later overwrites allocate nothing.
   * On a volume with little room it is made smaller (see `journalSizeFor`), or not at all: false then,
   * and appends are synced in the segment instead, which needs no room beyond their own bytes.
   */
  private async create(): Promise<boolean> {
    const bytes = journalSizeFor(this.createBytes, freeBytes(path.dirname(this.file)));
    if (bytes === 0) {
      this.noRoomUntil = Date.now() + NO_ROOM_RETRY_MS;
      return false;
    }
    const temp = path.join(
      path.dirname(this.file),
      `.${path.basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    // A random first generation: a process that knew a journal rebuilt under it cannot mistake the new one
    // for a generation it has seen.
    const generation = 1 + (randomBytes(4).readUInt32LE(0) % 0x7fff_ffff);
    const content = Buffer.alloc(bytes);
    encodeHeader({ generation, synced: undefined }).copy(content, 0);
    try {
      writeSynced(temp, 'wx', content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      // The free space was taken meanwhile (or a quota says less than the volume): no journal for now.
      this.noRoomUntil = Date.now() + NO_ROOM_RETRY_MS;
      return false;
    }
    try {
      fs.renameSync(temp, this.file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      // Windows refuses to replace a file another process holds open: rebuild it in place there.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY') throw error;
      writeSynced(this.file, 'r+', content);
    }
    await syncDirectory(path.dirname(this.file));
    this.close();
    this.openExisting();
    this.generation = generation;
    this.headerValid = true;
    this.writeOffset = JOURNAL_HEADER_BYTES;
    this.segmentsInRecords.clear();
    this.covered = undefined;
    this.wroteRecords = false;
    this.known = true;
    return true;
  }
}

/** How long appends go straight to the segment after the volume had no room for a journal. */
const NO_ROOM_RETRY_MS = 5000;

/** A journal smaller than this holds too few records to be worth its checkpoints. */
export const JOURNAL_SMALLEST = 64 * 1024;

/**
 * The size of a journal to create with `free` bytes free on the volume: the full size when it takes at
 * most a quarter of the free space, else a quarter of it (so that most of the room stays for the events
 * themselves), and none (0) below JOURNAL_SMALLEST. A journal only saves time; events need the room.
 */
export function journalSizeFor(full: number, free: number | undefined): number {
  if (free === undefined || free >= 4 * full) return full;
  const quarter = Math.floor(free / 4 / RECORD_ALIGN) * RECORD_ALIGN;
  return quarter >= JOURNAL_SMALLEST ? quarter : 0;
}

/** O_DSYNC makes each write durable by itself: one system call instead of write + fdatasync. Windows lacks it. */
const O_DSYNC: number | undefined = (fs.constants as { O_DSYNC?: number }).O_DSYNC;
/** Opening never follows a link (where the platform can say so; lstat refused one just before). */
const O_NOFOLLOW: number = (fs.constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;

function writeSynced(file: string, flags: 'wx' | 'r+', content: Uint8Array): void {
  const fd = fs.openSync(file, flags);
  try {
    writeAll(fd, content, 0, content.length);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    if (flags === 'wx') fs.rmSync(file, { force: true });
    throw error;
  }
  fs.closeSync(fd);
}

function writeAll(fd: number, bytes: Uint8Array, position: number, length: number): void {
  let done = 0;
  while (done < length) done += fs.writeSync(fd, bytes, done, length - done, position + done);
}

/**
 * Writes larger than this go straight to the segment and are synced there: the file system's own journal
 * commit costs little next to that much data, while writing it twice costs more (measured on ext4: 230 KB
 * writes about 15% faster straight, 23 KB ones about 25% faster through the journal). The group commit of
 * 256 concurrent one-event appends (about 60 KB) must stay below it: at 64 KiB it straddled the line,
 * and each batch over it paid a segment sync plus a checkpoint (measured: 100k -> 120k events/s).
 */
const DIRECT_ABOVE = 160 * 1024;

/**
 * Synchronous: a synced write of a block or two takes some 0.1-0.3 ms, less than a thread-pool round trip
 * costs an append loop (whose caches also stay warm); records are at most 64 KiB.
 */
function writeDurably(fd: number, bytes: Uint8Array, position: number, length: number): void {
  writeAll(fd, bytes, position, length);
  if (O_DSYNC === undefined) fs.fdatasyncSync(fd);
}
