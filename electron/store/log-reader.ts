import { categoryOf } from '../../shared/stream-name.js';
import type { ReadDirection, RecordedEvent, StreamRevision } from '../../shared/event.js';
import { StoreError } from '../../shared/store-error.js';
import { HOLE, type EventIndex, type SegmentEntry } from './event-index.js';
import { checkLineChecksum, parseRecordedEvent, recordedEventFromLine } from './event-line.js';
import { describeProblem, type LogProblem } from './log-problem.js';
import { isForwards, pageLimit, startPosition, startRevision } from './read-bounds.js';
import type { SegmentFiles } from './segment-files.js';

export interface ReadAllOptions {
  /** First position to read (inclusive). Default: 1 forwards, the last position backwards. */
  readonly from?: number;
  readonly direction?: ReadDirection;
  /** Events a page, at most MAX_PAGE. Default 100. */
  readonly limit?: number;
  /** Only events of these types. */
  readonly types?: readonly string[];
  /** Only events of streams in this category. */
  readonly category?: string;
  /** Only events of this stream. */
  readonly stream?: string;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive). Default: 0 forwards, the last revision backwards. */
  readonly fromRevision?: number;
  readonly direction?: ReadDirection;
  readonly limit?: number;
}

/** One page of events; `next` is what to pass as `from` (or `fromRevision`) for the next page, null at the end. */
export interface ReadPage {
  readonly events: RecordedEvent[];
  readonly next: number | null;
}

/** One event's line exactly as stored, without its newline. */
export interface StoredLine {
  readonly position: number;
  readonly bytes: Buffer;
}

/** A page of one stream, saying where the stream stood when it was read. */
export interface StreamPage extends ReadPage {
  /** Whether the stream had any event. */
  readonly streamExists: boolean;
  /** The stream's last revision, or 'no-stream': pass it as `expectedRevision` to append after what was read. */
  readonly currentRevision: StreamRevision | 'no-stream';
}

export { MAX_PAGE } from './read-bounds.js';
const COALESCE_GAP = 64 * 1024;

/** Reads pages of events through the index: only the lines asked for are read and parsed. */
export class LogReader {
  private ahead: { segment: string; start: number; length: number; bytes: Promise<Buffer> } | undefined;

  constructor(
    private readonly index: EventIndex,
    private readonly files: SegmentFiles,
    /** Told about a line found damaged while reading (only lines the index cache vouched for are checked). */
    private readonly onDamage: (problem: LogProblem) => void = () => undefined,
  ) {}

  async readAll(options: ReadAllOptions = {}): Promise<ReadPage> {
    const { index } = this;
    const forwards = isForwards(options.direction);
    const limit = pageLimit(options.limit);
    const last = index.lastPosition;
    let position = startPosition(options.from, forwards, last);
    const unfiltered =
      options.types === undefined && options.category === undefined && options.stream === undefined;
    if (forwards && unfiltered) {
      const page = await this.readRange(position, Math.min(last, position + limit - 1));
      if (page !== undefined)
        return { events: page, next: position + limit <= last ? position + limit : null };
    }
    const match = this.matcher(options);
    const positions: number[] = [];
    while (positions.length < limit && position >= 1 && position <= last) {
      if (match(position)) positions.push(position);
      position += forwards ? 1 : -1;
    }
    const next = position >= 1 && position <= last ? position : null;
    return { events: await this.readPositions(positions), next };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StreamPage> {
    const forwards = isForwards(options.direction);
    const limit = pageLimit(options.limit);
    const entry = this.index.stream(stream);
    const lastRevision = entry === undefined ? -1 : entry.positions.length - 1;
    let revision = startRevision(options.fromRevision, forwards, lastRevision);
    if (entry === undefined)
      return { events: [], next: null, streamExists: false, currentRevision: 'no-stream' };
    const positions: number[] = [];
    while (positions.length < limit && revision >= 0 && revision <= lastRevision) {
      positions.push(entry.positions.get(revision));
      revision += forwards ? 1 : -1;
    }
    const next = revision >= 0 && revision <= lastRevision ? revision : null;
    // The revision is taken with the positions, before the read waits: later appends do not change this page.
    return {
      events: await this.readPositions(positions),
      next,
      streamExists: true,
      currentRevision: lastRevision,
    };
  }

  /**
   * Reads positions first..last when they are whole lines back to back (no damaged line between, all
   * checked at open): a span per segment, decoded and split in one go, like a plain reader would.
   * Undefined when the range is not that simple; the caller then reads position by position.
   */
  private async readRange(first: number, last: number): Promise<RecordedEvent[] | undefined> {
    const events: RecordedEvent[] = [];
    let position = first;
    while (position <= last) {
      const segment = this.index.segmentOf(position);
      if (segment === undefined) return undefined;
      const startIndex = position - segment.firstPosition;
      const endIndex = Math.min(last - segment.firstPosition, segment.offsets.length - 1);
      if (endIndex < startIndex) return undefined;
      for (let i = startIndex; i <= endIndex; i++) if (segment.offsets.get(i) === HOLE) return undefined;
      const start = segment.offsets.get(startIndex);
      if (start < segment.verifiedFrom) return undefined;
      const end = this.index.lineEnd(segment, endIndex);
      const bytes = await this.readAhead(segment.name, start, end - start);
      const lines = bytes.toString('utf8').split('\n');
      const count = endIndex - startIndex + 1;
      if (lines.length !== count + 1) return undefined;
      for (let i = 0; i < count; i++) events.push(recordedEventFromLine(lines[i]!));
      position += count;
    }
    return events;
  }

  /**
   * Reads a span, and starts reading the span of the same length after it: a reader paging through $all
   * asks for it next, and its bytes then arrive while this page is being parsed.
   */
  private async readAhead(segment: string, start: number, length: number): Promise<Buffer> {
    const ahead = this.ahead;
    this.ahead = undefined;
    const bytes =
      ahead?.segment === segment && ahead.start === start && ahead.length >= length
        ? (await ahead.bytes).subarray(0, length)
        : await this.files.read(segment, start, length);
    const next = start + length;
    const size = this.index.segments.find((entry) => entry.name === segment)?.size ?? 0;
    if (next < size) {
      // Pages hold the same number of events, not bytes: a little more covers the next one.
      const nextLength = Math.min(Math.ceil(length * 1.25), size - next);
      const pending = this.files.read(segment, next, nextLength);
      pending.catch(() => undefined);
      this.ahead = { segment, start: next, length: nextLength, bytes: pending };
    }
    return bytes;
  }

  /** Reads events by position, in the order given; holes are skipped. */
  async readPositions(positions: readonly number[]): Promise<RecordedEvent[]> {
    const ascending = isAscending(positions) ? positions : [...positions].sort((a, b) => a - b);
    const events: RecordedEvent[] = [];
    let i = 0;
    while (i < ascending.length) {
      const run = this.nextRun(ascending, i);
      i = run.nextIndex;
      if (run.lines.length === 0) continue;
      const span = await this.files.read(run.segment.name, run.start, run.end - run.start);
      if (run.start < run.segment.verifiedFrom) this.checkRun(span, run);
      parseRun(span, run, events);
    }
    if (ascending === positions) return events;
    const byPosition = new Map(events.map((event) => [event.position, event]));
    const ordered: RecordedEvent[] = [];
    for (const position of positions) {
      const event = byPosition.get(position);
      if (event !== undefined) ordered.push(event);
    }
    return ordered;
  }

  /**
   * The stored bytes of each position's line (without its newline), ascending positions only, holes left
   * out: what exports write and hash byte for byte. Reads coalesce like readPositions and check lines the
   * index cache vouched for, so a line changed since open is reported, never returned.
   */
  async readStoredLines(positions: readonly number[]): Promise<StoredLine[]> {
    if (!isAscending(positions)) throw new StoreError('InvalidArgument', 'positions must ascend');
    const lines: StoredLine[] = [];
    let i = 0;
    while (i < positions.length) {
      const run = this.nextRun(positions, i);
      i = run.nextIndex;
      if (run.lines.length === 0) continue;
      const span = await this.files.read(run.segment.name, run.start, run.end - run.start);
      if (run.start < run.segment.verifiedFrom) this.checkRun(span, run);
      for (const line of run.lines) {
        const start = line.start - run.start;
        const end = span.indexOf(0x0a, start);
        lines.push({ position: line.position, bytes: span.subarray(start, end === -1 ? span.length : end) });
      }
    }
    return lines;
  }

  /**
   * Lines indexed from the cache were not read at open; their checksums are checked as they are first
   * read, so that bit rot since the cache was written is reported (and the folder made read-only) rather
   * than returned as data.
   */
  private checkRun(span: Buffer, run: Run): void {
    for (const line of run.lines) {
      if (line.start >= run.segment.verifiedFrom) continue;
      const start = line.start - run.start;
      const end = span.indexOf(0x0a, start);
      const check =
        end === -1 ? { ok: false as const, reason: 'line has no end' } : checkLineChecksum(span, start, end);
      if (check.ok) continue;
      const lineNumber = this.lineNumberAt(run.segment.name, line.start);
      const problem: LogProblem = {
        segment: run.segment.name,
        line: lineNumber,
        offset: line.start,
        reason: check.reason,
      };
      this.onDamage(problem);
      throw new StoreError(
        'Corrupt',
        `The log is damaged: ${describeProblem(problem)}; run eventfold verify`,
        {
          problem,
        },
      );
    }
  }

  /** 1-based line number of the line starting at `offset`, for the report (only on damage, so counting is fine). */
  private lineNumberAt(segment: string, offset: number): number {
    const before = this.files.readSync(segment, 0, offset);
    let lines = 1;
    for (let at = before.indexOf(0x0a); at !== -1; at = before.indexOf(0x0a, at + 1)) lines++;
    return lines;
  }

  /** Lines of one segment close enough together to read in one go. */
  private nextRun(positions: readonly number[], from: number): Run {
    const { index } = this;
    let i = from;
    let segment: SegmentEntry | undefined;
    const lines: Line[] = [];
    for (; i < positions.length; i++) {
      const located = index.locate(positions[i]!);
      if (located === undefined) continue;
      if (
        segment !== undefined &&
        (located.segment !== segment || located.offset - (lines.at(-1)?.end ?? 0) > COALESCE_GAP)
      ) {
        break;
      }
      segment = located.segment;
      lines.push({ position: positions[i]!, start: located.offset, end: located.end });
    }
    const first = lines[0];
    const lastLine = lines.at(-1);
    return {
      segment: segment!,
      lines,
      start: first?.start ?? 0,
      end: lastLine?.end ?? 0,
      nextIndex: i,
    };
  }

  private matcher(options: ReadAllOptions): (position: number) => boolean {
    const { index } = this;
    const typeSet = options.types === undefined ? undefined : typeNumbers(index, options.types);
    const streamMask = streamMaskFor(index, options);
    return (position) => {
      const stream = index.streamOf.get(position - 1);
      if (stream === HOLE) return false;
      if (streamMask !== undefined && streamMask[stream] !== 1) return false;
      return typeSet === undefined || typeSet.has(index.typeOf.get(position - 1));
    };
  }
}

interface Line {
  readonly position: number;
  readonly start: number;
  readonly end: number;
}

interface Run {
  readonly segment: SegmentEntry;
  readonly lines: Line[];
  readonly start: number;
  readonly end: number;
  readonly nextIndex: number;
}

/** Contiguous runs (the common case of paging $all) are decoded as one string and split, like a plain reader would. */
function parseRun(span: Buffer, run: Run, events: RecordedEvent[]): void {
  if (isContiguous(run)) {
    const lines = span.toString('utf8').split('\n');
    // A line's end is where the next valid line starts, so damaged lines (holes) in between are inside
    // the span; then it holds more lines than events, and each event is read up to its own newline.
    if (lines.length === run.lines.length + 1) {
      for (let i = 0; i < run.lines.length; i++) events.push(recordedEventFromLine(lines[i]!));
      return;
    }
  }
  for (const line of run.lines) {
    const start = line.start - run.start;
    events.push(parseRecordedEvent(span, start, span.indexOf(0x0a, start)));
  }
}

function isContiguous(run: Run): boolean {
  for (let i = 1; i < run.lines.length; i++) {
    if (run.lines[i]!.start !== run.lines[i - 1]!.end) return false;
  }
  return true;
}

function isAscending(positions: readonly number[]): boolean {
  for (let i = 1; i < positions.length; i++) if (positions[i]! <= positions[i - 1]!) return false;
  return true;
}

function typeNumbers(index: EventIndex, types: readonly string[]): Set<number> {
  const numbers = new Set<number>();
  for (const type of types) {
    const number = index.typeNumber(type);
    if (number !== undefined) numbers.add(number);
  }
  return numbers;
}

function streamMaskFor(index: EventIndex, options: ReadAllOptions): Uint8Array | undefined {
  if (options.category === undefined && options.stream === undefined) return undefined;
  const mask = new Uint8Array(index.streams.length);
  index.streams.forEach((entry, number) => {
    const inCategory = options.category === undefined || categoryOf(entry.id) === options.category;
    const isStream = options.stream === undefined || entry.id === options.stream;
    if (inCategory && isStream) mask[number] = 1;
  });
  return mask;
}
