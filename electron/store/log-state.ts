import { EventIndex, type SegmentEntry } from './event-index.js';
import { describeEntry, inspectEntry } from './folder-entry.js';
import { JOURNAL_FILE, type FolderLayout } from './folder-layout.js';
import { fileProblem, type LogProblem } from './log-problem.js';
import type { Manifest } from './manifest.js';
import type { SegmentFiles } from './segment-files.js';
import { SegmentScanner } from './segment-scanner.js';
import { SegmentDirectory } from './segment-directory.js';
import { MISSING_SEAL, sealProblem } from './seal-check.js';
import { forgetScannedStrings } from './line-scanner.js';
import { PARALLEL_SCAN_MIN_BYTES, ParallelScan } from './parallel-scan.js';
import type { ScanRange } from './scan-worker.js';

/** Bytes after the last complete append of the last segment. */
export interface LogTail {
  readonly segment: string;
  /** Where the complete part of the segment ends: a repair truncates here. */
  readonly offset: number;
  readonly bytes: number;
  /**
   * True when the tail was seen while holding the write lock: nobody is writing it, so it is what an
   * interrupted append left behind. False while another process may still be completing it.
   */
  readonly torn: boolean;
}

export interface ScanProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

const CHUNK_BYTES = 16 * 1024 * 1024;

/** The main thread scans this share of a parallel open and the worker the rest (then merged here). */
const MAIN_THREAD_SHARE = 0.5;

export interface CatchUpOptions {
  readonly underLock?: boolean;
  readonly thorough?: boolean;
  readonly onProgress?: (progress: ScanProgress) => void;
  /**
   * Progressive open: the worker parses the whole log and this thread only merges its chunks, calling
   * `onMerged` after each, so that reads can proceed while the rest is still being parsed.
   */
  readonly onMerged?: () => void;
}

/**
 * The index of a folder's log and what is known to be wrong with it, brought up to date by reading what
 * was appended since the last look: at open (everything), before each write (under the lock) and when
 * the watcher sees another process append.
 */
export class LogState {
  readonly index = new EventIndex();
  /** Problems within the complete part of the log. They never go away: the folder is read-only. */
  readonly problems: LogProblem[] = [];
  /** Problems in the tail, re-read on every look, since the tail is read again until it is complete. */
  private tailProblems: LogProblem[] = [];
  tail: LogTail | undefined;
  private readonly directory: SegmentDirectory;
  /** log/ itself, or log/journal.bin, was found to be something else than it should (reported once). */
  private logDirReported = false;
  private journalReported = false;

  constructor(
    readonly layout: FolderLayout,
    readonly manifest: Manifest,
    readonly files: SegmentFiles,
    /** Check every line in full, data included (for verify); opening checks checksums and index fields. */
    private readonly strict = false,
    private readonly parallelScanMinBytes = PARALLEL_SCAN_MIN_BYTES,
  ) {
    this.directory = new SegmentDirectory(layout);
  }

  /** Every problem that makes the folder read-only: bad lines anywhere but a torn tail. */
  get corruption(): LogProblem[] {
    return this.tailProblems.length === 0 ? this.problems : [...this.problems, ...this.tailProblems];
  }

  get activeSegment(): SegmentEntry | undefined {
    return this.index.segments.at(-1);
  }

  /**
   * Reads new bytes of the last segment and any segments after it. Returns how many events were added.
   * - `underLock`: nobody else is writing, so an incomplete tail is torn rather than in progress;
   * - `thorough`: also look for segments after an unsealed last one (at open, verify, and each new write
   *   lease), which only a writer that broke the rules leaves; every other call is on a hot path.
   */
  async catchUp(options: CatchUpOptions = {}): Promise<number> {
    const { underLock = false, thorough = false, onProgress, onMerged } = options;
    const before = this.index.lastPosition;
    if (thorough) this.checkLogDirectory();
    if (this.index.segments.length === 0 && !this.addNextSegment()) return 0;
    const behind = thorough || onProgress !== undefined ? this.bytesBehind() : 0;
    // A large scan at open is shared with a worker thread: it parses the second half of the bytes while
    // this thread does the first, then its results are merged here in log order.
    const parallel =
      thorough && !underLock && behind >= this.parallelScanMinBytes
        ? this.startParallelScan(behind, onMerged === undefined ? MAIN_THREAD_SHARE : 0)
        : undefined;
    try {
      return await this.scanSegments(before, underLock, thorough, behind, parallel, onProgress, onMerged);
    } finally {
      parallel?.close();
      if (thorough) forgetScannedStrings();
    }
  }

  private async scanSegments(
    before: number,
    underLock: boolean,
    thorough: boolean,
    total: number,
    parallel: ParallelScan | undefined,
    onProgress: ((progress: ScanProgress) => void) | undefined,
    onMerged: (() => void) | undefined,
  ): Promise<number> {
    let done = 0;
    for (;;) {
      const active = this.activeSegment!;
      const found: LogProblem[] = [];
      const scanner = new SegmentScanner(this.index, active, found, this.strict);
      // Sealed before measured: once the seal exists the segment's size is final, so nothing is missed
      // when another writer seals it while this look is in progress.
      const sealedAtStart = underLock ? undefined : this.hasSeal(active);
      const fileSize = active.unreadable === true ? 0 : this.files.size(active.name);
      const sealed =
        sealedAtStart ??
        (active.sealed || (fileSize >= this.manifest.segmentSizeLimit && this.hasSeal(active)));
      let readAt = active.size;
      let carry: Buffer | undefined;
      const workerStart = parallel?.startOf(active.name);
      while (readAt < fileSize) {
        if (carry === undefined && workerStart !== undefined && readAt >= workerStart) {
          const parsed = await parallel!.next(active.name, readAt);
          if (parsed !== undefined) {
            scanner.feedParsed(parsed, parallel!);
            onMerged?.();
            done += parsed.end - readAt;
            readAt = parsed.end;
            onProgress?.({ bytesDone: done, bytesTotal: Math.max(total, done) });
            continue;
          }
        }
        // Up to where the worker's part begins, or to the end of the file.
        const limit =
          workerStart !== undefined && readAt < workerStart ? Math.min(workerStart, fileSize) : fileSize;
        // The incomplete line left from the last chunk is read again rather than copied in front of the next.
        const start = readAt - (carry?.length ?? 0);
        const bytes = await this.files.read(active.name, start, Math.min(CHUNK_BYTES, limit - start));
        if (bytes.length <= (carry?.length ?? 0)) break;
        const used = scanner.feed(bytes, start);
        carry = used < bytes.length ? bytes.subarray(used) : undefined;
        const fresh = bytes.length - (readAt - start);
        readAt += fresh;
        done += fresh;
        onProgress?.({ bytesDone: done, bytesTotal: Math.max(total, done) });
      }
      const unsealedButFollowed =
        !sealed &&
        (thorough || active.unreadable === true) &&
        this.directory.unread(this.knownSegments()).length > 0 &&
        // Without the lock, another writer may have sealed it since it was measured: the next look reads on.
        (underLock || !this.hasSeal(active));
      if (!sealed && !unsealedButFollowed) {
        this.settle(active, found);
        this.noteTail(active, fileSize, underLock);
        break;
      }
      if (unsealedButFollowed) {
        if (active.unreadable !== true) this.problemAt(active, MISSING_SEAL);
      } else if (!active.sealed && active.unreadable !== true) {
        // Found sealed by this look: its seal is checked as it would be when the index cache says so.
        this.checkSeal(active, fileSize);
      }
      active.sealed = true;
      scanner.commitIncomplete();
      this.settle(active, found);
      this.problems.push(...this.tailProblems);
      this.tailProblems = [];
      if (fileSize > active.size) {
        this.problemAt(active, 'the sealed segment ends with an incomplete line');
        active.size = fileSize;
      }
      if (!this.addNextSegment()) {
        this.tail = undefined;
        break;
      }
    }
    return this.index.lastPosition - before;
  }

  /** Gives the later part of the bytes behind to the scan worker, split at a line boundary. */
  private startParallelScan(behind: number, mainShare: number): ParallelScan | undefined {
    const ranges: ScanRange[] = [];
    let skipped = 0;
    for (const name of this.namesToScan()) {
      const from = this.index.segments.find((segment) => segment.name === name)?.size ?? 0;
      const to = this.files.size(name);
      if (to <= from) continue;
      if (skipped + (to - from) <= behind * mainShare) {
        skipped += to - from;
        continue;
      }
      if (ranges.length === 0) {
        const split = this.lineStartAfter(
          name,
          from + Math.max(0, Math.floor(behind * mainShare) - skipped),
          to,
        );
        if (split === undefined) continue;
        ranges.push({ segment: name, from: split, to });
      } else ranges.push({ segment: name, from, to });
    }
    return ParallelScan.start(this.layout.log, ranges, this.strict);
  }

  /** The first line start at or after `offset` (just after a newline), or undefined if none before `end`. */
  private lineStartAfter(segment: string, offset: number, end: number): number | undefined {
    if (offset === 0) return 0;
    const probe = this.files.readSync(segment, offset - 1, Math.min(2 * 1024 * 1024, end - offset + 1));
    const newline = probe.indexOf(0x0a);
    return newline === -1 || offset + newline >= end ? undefined : offset + newline;
  }

  /** Bytes on disk not yet in the index, for progress. */
  private bytesBehind(): number {
    let total = 0;
    for (const name of this.namesToScan()) {
      const known = this.index.segments.find((segment) => segment.name === name)?.size ?? 0;
      total += Math.max(0, this.files.size(name) - known);
    }
    return total;
  }

  private hasSeal(segment: SegmentEntry): boolean {
    return segment.sealed || inspectEntry(this.layout.seal(segment.name)).kind !== 'missing';
  }

  /**
   * Checks the seal of a segment known to be sealed (by this look, or by the index cache): a folder with a
   * missing or damaged seal is read-only whether or not `cache/` exists.
   */
  checkSeal(segment: SegmentEntry, fileSize = segment.size): void {
    const reason = sealProblem(this.layout, segment.name, fileSize);
    if (reason !== undefined) this.problemAt(segment, reason);
  }

  /** The names of the segments in the index. */
  private knownSegments(): Set<string> {
    return new Set(this.index.segments.map((segment) => segment.name));
  }

  /** The segment being read and those after it not read yet (that can be read), in name order. */
  private namesToScan(): string[] {
    const active = this.activeSegment;
    const names = this.directory.unread(this.knownSegments()).filter((name) => this.directory.readable(name));
    return active === undefined || active.unreadable === true ? names : [active.name, ...names];
  }

  /**
   * log/ must be a real directory (through a link, every append would be written outside the folder), and
   * the journal a regular file when it exists. Each is reported once.
   */
  private checkLogDirectory(): void {
    if (!this.journalReported) {
      const journal = inspectEntry(this.layout.journal);
      if (journal.kind !== 'file' && journal.kind !== 'missing') {
        this.journalReported = true;
        this.problems.push(
          fileProblem(
            JOURNAL_FILE,
            `${describeEntry(journal)} where the append journal (a file) belongs: Eventfold neither reads ` +
              'nor writes it, and refuses appends until it is removed',
          ),
        );
      }
    }
    if (this.logDirReported) return;
    const entry = inspectEntry(this.layout.log);
    if (entry.kind === 'directory') return;
    this.logDirReported = true;
    this.problems.push(
      fileProblem(
        '',
        entry.kind === 'link' && entry.leadsTo === 'directory'
          ? `${describeEntry(entry)}: its events are read, but Eventfold never writes through a link, so ` +
              'the folder is read-only (keep the whole folder elsewhere and link to it instead)'
          : `${describeEntry(entry)} where the log's directory belongs: no events can be read`,
      ),
    );
  }

  private noteTail(active: SegmentEntry, fileSize: number, underLock: boolean): void {
    if (fileSize <= active.size) {
      this.tail = undefined;
      return;
    }
    // Zero-filled lines in the tail are what a crash leaves; they belong to the torn tail, not the report.
    this.tailProblems = this.tailProblems.filter((problem) => !problem.zeros);
    const sameTail = this.tail?.segment === active.name && this.tail.offset === active.size;
    this.tail = {
      segment: active.name,
      offset: active.size,
      bytes: fileSize - active.size,
      torn: underLock || (sameTail && this.tail?.torn === true && this.tail.bytes === fileSize - active.size),
    };
  }

  /** Problems before the committed end are settled; those after it are the tail's, looked at again next time. */
  private settle(active: SegmentEntry, found: LogProblem[]): void {
    this.problems.push(...found.filter((problem) => problem.offset < active.size));
    this.tailProblems = found.filter((problem) => problem.offset >= active.size);
  }

  private problemAt(segment: SegmentEntry, reason: string): void {
    this.problems.push({ segment: segment.name, line: segment.lines + 1, offset: segment.size, reason });
  }

  /**
   * Opens the segment the log continues in, if there is one: by name, or (when a segment was renamed out
   * of sequence) by the first event it holds; what is wrong with the file itself is reported here.
   */
  private addNextSegment(): boolean {
    const next = this.directory.next(this.index.lastPosition, this.knownSegments());
    if (next === undefined) return false;
    const segment = this.index.addSegment(next.name, next.firstPosition);
    segment.sealed = false;
    this.problems.push(...next.problems);
    if (!next.readable) segment.unreadable = true;
    return true;
  }
}
