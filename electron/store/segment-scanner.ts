import type { EventIndex, SegmentEntry } from './event-index.js';
import type { IndexFields } from './line-scanner.js';
import { readLineFields, type ParsedLines } from './line-parser.js';
import type { ParallelScan } from './parallel-scan.js';
import type { LogProblem } from './log-problem.js';

interface PendingLine {
  readonly fields: IndexFields;
  readonly offset: number;
  readonly line: number;
}

/**
 * Reads a segment's lines into the index. Events of one append carry `more` (how many follow), and
 * are committed to the index only when the last of them has been read: a reader never shows half an
 * append, and what lies after the last complete append is the tail (still being written, or torn).
 */
export class SegmentScanner {
  private pending: PendingLine[] = [];
  private lineNumber: number;
  private lastLineEnd: number;
  private lastStream = '';
  private lastStreamNumber = 0;
  private lastType = '';
  private lastTypeNumber = 0;

  constructor(
    private readonly index: EventIndex,
    private readonly segment: SegmentEntry,
    private readonly problems: LogProblem[],
    /** Parse every line in full (verify), instead of reading only the fields the index needs. */
    private readonly strict = false,
  ) {
    this.lineNumber = segment.lines;
    this.lastLineEnd = segment.size;
  }

  /**
   * Scans the complete lines of `bytes`, which starts at `fileOffset` of the segment.
   * Returns how many bytes were complete lines; the rest must be fed again with more data.
   */
  feed(bytes: Buffer, fileOffset: number): number {
    const fields: IndexFields = { position: 0, revision: 0, stream: '', type: '', idHash: 0, more: 0 };
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(0x0a, start);
      if (newline === -1) return start;
      this.lineNumber++;
      const lineOffset = fileOffset + start;
      this.lastLineEnd = fileOffset + newline + 1;
      if (this.readFields(bytes, start, newline, fields, lineOffset)) this.accept(fields, lineOffset);
      // A bad line is not committed: if a complete append follows, it lies inside the log (corruption);
      // if nothing valid follows, it is part of the tail, where NUL or blank lines are crash debris.
      start = newline + 1;
    }
  }

  /** Takes lines a scan worker has already parsed (they must continue exactly where the scan stands). */
  feedParsed(parsed: ParsedLines, scan: ParallelScan): void {
    const fields: IndexFields = { position: 0, revision: 0, stream: '', type: '', idHash: 0, more: 0 };
    // Each name the worker numbered is looked up in the index once for the whole scan.
    const names = scan.names;
    if (scan.streamNumbers.length < names.length) {
      scan.streamNumbers = grownNumbers(scan.streamNumbers, names.length);
      scan.typeNumbers = grownNumbers(scan.typeNumbers, names.length);
    }
    const { streamNumbers, typeNumbers } = scan;
    let problem = 0;
    let lineOffset = parsed.start;
    for (let i = 0; i < parsed.count; i++) {
      this.lineNumber++;
      this.lastLineEnd = parsed.lineEnds[i]!;
      if (parsed.valid[i] === 1) {
        fields.position = parsed.position[i]!;
        fields.revision = parsed.revision[i]!;
        fields.idHash = parsed.idHash[i]!;
        fields.more = parsed.more[i]!;
        const stream = parsed.stream[i]!;
        const type = parsed.type[i]!;
        fields.stream = names[stream]!;
        fields.type = names[type]!;
        // Looked up, not created: a line that place() then rejects must not leave an empty stream behind.
        if (streamNumbers[stream] === -1)
          streamNumbers[stream] = this.index.streamNumber(fields.stream) ?? -1;
        if (typeNumbers[type] === -1) typeNumbers[type] = this.index.typeNumber(fields.type) ?? -1;
        fields.streamNumber = streamNumbers[stream];
        fields.typeNumber = typeNumbers[type];
        this.accept(fields, lineOffset);
      } else {
        const bad = parsed.problems[problem++];
        if (bad !== undefined) this.problem(lineOffset, this.lineNumber, bad.reason, bad.zeros);
      }
      lineOffset = this.lastLineEnd;
    }
  }

  /** Commits what is pending although its append is incomplete: for segments that cannot grow any more. */
  commitIncomplete(): void {
    if (this.pending.length === 0) return;
    const first = this.pending[0]!;
    this.problem(first.offset, first.line, 'an atomic append is cut short: its last events are missing');
    this.commit();
  }

  private accept(fields: IndexFields, lineOffset: number): void {
    if (fields.more === 0 && this.pending.length === 0) {
      // The common case, a single-event append or the last line of one: no need to hold it back.
      this.place(fields, lineOffset, this.lineNumber);
      this.segment.lines = this.lineNumber;
      this.segment.size = this.lastLineEnd;
    } else {
      this.pending.push({ fields: { ...fields }, offset: lineOffset, line: this.lineNumber });
      if (fields.more === 0) this.commit();
    }
  }

  private readFields(bytes: Buffer, start: number, end: number, out: IndexFields, offset: number): boolean {
    const problem = readLineFields(bytes, start, end, out, this.strict);
    if (problem === undefined) return true;
    this.problem(offset, this.lineNumber, problem.reason, problem.zeros);
    return false;
  }

  private commit(): void {
    for (const { fields, offset, line } of this.pending) this.place(fields, offset, line);
    this.pending = [];
    this.segment.lines = this.lineNumber;
    this.segment.size = this.lastLineEnd;
  }

  /** Checks the event's place in the log and records it; false when it cannot be indexed. */
  private place(fields: IndexFields, offset: number, line: number): boolean {
    const index = this.index;
    const expected = index.lastPosition + 1;
    if (fields.position < expected || fields.position < this.segment.firstPosition) {
      this.problem(
        offset,
        line,
        `position ${fields.position} repeats or goes backwards (expected ${expected})`,
      );
      return false;
    }
    if (fields.position > expected) {
      const missing =
        fields.position - 1 === expected ? `${expected}` : `${expected} to ${fields.position - 1}`;
      this.problem(offset, line, `gap: position ${missing} missing before position ${fields.position}`);
    }
    // Consecutive lines often share a stream and a type: the same string object, compared by identity.
    if (fields.streamNumber !== undefined && fields.streamNumber >= 0) {
      this.lastStream = fields.stream;
      this.lastStreamNumber = fields.streamNumber;
    } else if (fields.stream !== this.lastStream) {
      this.lastStream = fields.stream;
      const ref = fields.streamRef;
      if (ref?.owner === index) this.lastStreamNumber = ref.number;
      else {
        this.lastStreamNumber = index.internStream(fields.stream);
        // Kept with the remembered string: the next line of this stream costs no map lookup.
        if (ref !== undefined) {
          ref.owner = index;
          ref.number = this.lastStreamNumber;
        }
      }
    }
    if (fields.typeNumber !== undefined && fields.typeNumber >= 0) {
      this.lastType = fields.type;
      this.lastTypeNumber = fields.typeNumber;
    } else if (fields.type !== this.lastType) {
      this.lastType = fields.type;
      const ref = fields.typeRef;
      if (ref?.owner === index) this.lastTypeNumber = ref.number;
      else {
        this.lastTypeNumber = index.internType(fields.type);
        if (ref !== undefined) {
          ref.owner = index;
          ref.number = this.lastTypeNumber;
        }
      }
    }
    const streamNumber = this.lastStreamNumber;
    const skew = index.revisionSkew.size === 0 ? 0 : (index.revisionSkew.get(fields.stream) ?? 0);
    const indexed = index.streams[streamNumber]!.positions.length;
    if (fields.revision !== indexed + skew) {
      this.problem(
        offset,
        line,
        `revision ${fields.revision} of stream "${fields.stream}" out of order (expected ${indexed + skew})`,
      );
      index.revisionSkew.set(fields.stream, fields.revision - indexed);
    }
    index.add(this.segment, fields.position, offset, streamNumber, this.lastTypeNumber, fields.idHash);
    return true;
  }

  private problem(offset: number, line: number, reason: string, zeros = false): void {
    this.problems.push({ segment: this.segment.name, line, offset, reason, ...(zeros ? { zeros } : {}) });
  }
}

function grownNumbers(numbers: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(length, numbers.length * 2)).fill(-1);
  grown.set(numbers);
  return grown;
}
