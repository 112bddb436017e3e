import fs from 'node:fs';
import { describeEntry, inspectEntry, readableFile } from './folder-entry.js';
import { parseSegmentName, segmentName, type FolderLayout } from './folder-layout.js';
import { readLineFields } from './line-parser.js';
import type { IndexFields } from './line-scanner.js';
import { fileProblem, type LogProblem } from './log-problem.js';

/** The segment to read after the ones already read, and what is wrong with it, if anything. */
export interface NextSegment {
  readonly name: string;
  /** Where its events go in the index: the position its name promises, unless it holds other ones. */
  readonly firstPosition: number;
  /** False when no events can be read from it (a directory, a FIFO, a link to nothing). */
  readonly readable: boolean;
  /** What to report about it (the folder is then read-only). */
  readonly problems: readonly LogProblem[];
}

/** Room for the longest line (1 MiB) plus its newline. */
const MAX_LINE_BYTES = 1024 * 1024 + 1;
const PROBE_BYTES = 64 * 1024;

/**
 * The files of log/ with a segment's name, and which one the log continues in. A sound folder names each
 * segment for the position of its first event, and the next one is found by name. When that name is not
 * there, the segments not read yet are ordered by the first event they hold, so that a segment renamed
 * out of sequence (or kept under a wrong name) is read where its events belong instead of being skipped
 * or having its events rejected as out of order: no valid event is hidden, and the misnaming is reported.
 */
export class SegmentDirectory {
  /** First positions found in segments by reading their first line (they never change once written). */
  private readonly holds = new Map<string, number>();

  constructor(private readonly layout: FolderLayout) {}

  /** Every name in log/ that has a segment's form (whatever the entry is), in name order. */
  names(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.layout.log);
    } catch {
      return [];
    }
    return names.filter((name) => parseSegmentName(name) !== undefined).sort();
  }

  /** Segment files not read yet (`known` holds those that were), in name order. */
  unread(known: ReadonlySet<string>): string[] {
    return this.names().filter((name) => !known.has(name));
  }

  /** Whether a segment's file can be read (a regular file, or a link to one). */
  readable(name: string): boolean {
    return readableFile(inspectEntry(this.layout.segment(name)));
  }

  /** The segment the log continues in after `lastPosition`, or undefined when there is none yet. */
  next(lastPosition: number, known: ReadonlySet<string>): NextSegment | undefined {
    const position = lastPosition + 1;
    const expected = segmentName(position);
    let name: string | undefined;
    if (!known.has(expected) && inspectEntry(this.layout.segment(expected)).kind !== 'missing') {
      name = expected;
    } else {
      name = this.byContent(position, known);
    }
    return name === undefined ? undefined : this.describe(name, position);
  }

  private describe(name: string, position: number): NextSegment {
    const named = parseSegmentName(name)!;
    const entry = inspectEntry(this.layout.segment(name));
    const readable = readableFile(entry);
    const problems: LogProblem[] = [];
    const about = (reason: string): void => void problems.push(fileProblem(name, reason));
    const atStart = (reason: string): void =>
      void problems.push({ segment: name, line: 1, offset: 0, reason });
    if (entry.kind === 'link') {
      about(
        readable
          ? `${describeEntry(entry)}: its events are read, but Eventfold never writes through a link, so ` +
              'the folder is read-only (keep the whole folder elsewhere and link to it instead)'
          : `${describeEntry(entry)} that leads to no file: no events can be read from it`,
      );
    } else if (!readable) {
      about(`${describeEntry(entry)} where a segment file belongs: no events can be read from it`);
    }
    const holds = readable ? this.firstPositionIn(name) : undefined;
    let firstPosition = Math.max(named, position);
    if (holds !== undefined && holds !== named) {
      atStart(
        `the segment is named for position ${named} but its first event is position ${holds} ` +
          '(renamed?): its events are read at their own positions',
      );
      // Its lines are placed by their positions: from where the log continues (earlier ones repeat).
      firstPosition = position;
    } else if (named !== position) {
      atStart(`segment is named for position ${named} but the log continues at position ${position}`);
    }
    return { name, firstPosition, readable, problems };
  }

  /**
   * Among the segments not read yet, the one whose first event comes next: the lowest first position at
   * or after `position` (a name stands for a file whose first line cannot be read), else the lowest.
   */
  private byContent(position: number, known: ReadonlySet<string>): string | undefined {
    let best: { name: string; key: number } | undefined;
    let lowest: { name: string; key: number } | undefined;
    for (const name of this.unread(known)) {
      const key = (this.readable(name) ? this.firstPositionIn(name) : undefined) ?? parseSegmentName(name)!;
      if (lowest === undefined || key < lowest.key) lowest = { name, key };
      if (key >= position && (best === undefined || key < best.key)) best = { name, key };
    }
    return (best ?? lowest)?.name;
  }

  /**
   * The position a segment's first line holds, judged by its first valid line (less one for each damaged
   * line before it), or undefined when its first bytes hold no valid line.
   */
  private firstPositionIn(name: string): number | undefined {
    const cached = this.holds.get(name);
    if (cached !== undefined) return cached;
    const fields: IndexFields = { position: 0, revision: 0, stream: '', type: '', idHash: 0, more: 0 };
    for (const length of [PROBE_BYTES, MAX_LINE_BYTES]) {
      const bytes = readStart(this.layout.segment(name), length);
      let start = 0;
      let before = 0;
      for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
        if (readLineFields(bytes, start, end, fields, false) === undefined) {
          // Damaged lines before it held the positions before it: a bad first line is no renaming.
          const first = fields.position - before;
          this.holds.set(name, first);
          return first;
        }
        before++;
        start = end + 1;
      }
      if (bytes.length < length || start > 0) return undefined;
    }
    return undefined;
  }
}

/** Up to `length` bytes from the start of a file (which `readable` said is a regular file). */
function readStart(file: string, length: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const read = fs.readSync(fd, buffer, done, length - done, done);
      if (read === 0) break;
      done += read;
    }
    return buffer.subarray(0, done);
  } finally {
    fs.closeSync(fd);
  }
}
