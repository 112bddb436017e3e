import fs from 'node:fs';
import { inspectEntry } from './folder-entry.js';
import { parseSegmentName, type FolderLayout } from './folder-layout.js';
import {
  JOURNAL_HEADER_BYTES,
  JOURNAL_MIN_BYTES,
  readAt,
  readHeader,
  readRecords,
  type JournalRecord,
} from './journal-format.js';
import type { LogProblem } from './log-problem.js';

export interface ReplayOutcome {
  /** Journaled appends that the segments lacked: written back, or (when only checking) not yet. */
  readonly missing: readonly JournalRecord[];
  readonly missingEvents: number;
  /**
   * The first journaled append that cannot be written back (with how many could not), if any: then
   * nothing is written at all.
   */
  readonly problems: LogProblem[];
  /** When there is a problem: every record not found in place, for repair to keep. */
  readonly unapplied: readonly JournalRecord[];
}

type Verdict = 'present' | 'missing' | { readonly problem: string };

interface OpenSegment {
  readonly fd: number;
  /** The file's size once the missing records before are written back. */
  size: number;
  restored: boolean;
}

/**
 * Compares each journaled append with the bytes at its place in its segment. Equal: nothing to do. The
 * segment shorter, or NUL bytes there: the append was acknowledged but its bytes never reached the disk
 * (power loss: the page cache was lost, the file size may have been kept): it is written back (`restore`)
 * or counted (`check`). Other bytes there mean another program appended without replaying the journal:
 * reported, and then nothing is written, since writing back around foreign lines would break the log.
 * Lines never contain a NUL byte (JSON escapes it), so a NUL is never a byte of a real line.
 */
export function replayJournal(
  layout: FolderLayout,
  records: readonly JournalRecord[],
  mode: 'restore' | 'check',
): ReplayOutcome {
  const segments = new Map<string, OpenSegment | undefined>();
  const missing: JournalRecord[] = [];
  const unapplied: JournalRecord[] = [];
  let first: { record: JournalRecord; line: number; problem: string } | undefined;
  try {
    for (const record of records) {
      const segment = openSegment(layout, segments, record.segment, mode);
      const verdict = judge(record, segment);
      if (verdict === 'present') continue;
      if (verdict === 'missing') {
        missing.push(record);
        if (segment !== undefined) segment.size = Math.max(segment.size, record.offset + record.bytes.length);
        continue;
      }
      unapplied.push(record);
      first ??= { record, line: segment === undefined ? 1 : lineAt(segment.fd, record.offset), ...verdict };
    }
    if (first !== undefined) {
      const kept = [...missing, ...unapplied].sort((a, b) => a.at - b.at);
      const events = kept.reduce((sum, record) => sum + linesIn(record.bytes), 0);
      const problem: LogProblem = {
        segment: first.record.segment,
        line: first.line,
        offset: first.record.offset,
        reason:
          `log/journal.bin holds an acknowledged append for this place, but ${first.problem}: a program ` +
          `appended without replaying the journal. ${plural(events, 'journaled event')} ` +
          `(${plural(kept.length, 'append')}) were not written back, and nothing was changed`,
        repairable: 'journal',
      };
      return { missing: [], missingEvents: 0, problems: [problem], unapplied: kept };
    }
    if (mode === 'restore') {
      for (const record of missing) writeAll(segments.get(record.segment)!.fd, record.bytes, record.offset);
      for (const segment of segments.values()) if (segment?.restored) fs.fdatasyncSync(segment.fd);
    }
    return {
      missing,
      missingEvents: missing.reduce((sum, record) => sum + linesIn(record.bytes), 0),
      problems: [],
      unapplied: [],
    };
  } finally {
    for (const segment of segments.values()) if (segment !== undefined) fs.closeSync(segment.fd);
  }
}

function openSegment(
  layout: FolderLayout,
  segments: Map<string, OpenSegment | undefined>,
  name: string,
  mode: 'restore' | 'check',
): OpenSegment | undefined {
  if (segments.has(name)) return segments.get(name);
  let segment: OpenSegment | undefined;
  // The name comes from a file: only a segment's name may become a path, and only a regular file is
  // opened there (a link would be written through, a FIFO would block); anything else is "no such segment".
  if (parseSegmentName(name) !== undefined && inspectEntry(layout.segment(name)).kind === 'file') {
    try {
      const fd = fs.openSync(layout.segment(name), mode === 'restore' ? 'r+' : 'r');
      segment = { fd, size: fs.fstatSync(fd).size, restored: false };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  segments.set(name, segment);
  return segment;
}

function judge(record: JournalRecord, segment: OpenSegment | undefined): Verdict {
  if (segment === undefined) return { problem: `there is no such segment file` };
  if (record.offset > segment.size) {
    return {
      problem: `the segment ends at byte ${segment.size}, before it: the bytes in between are missing`,
    };
  }
  const have = readAt(segment.fd, record.offset, record.bytes.length);
  let lacking = have.length < record.bytes.length;
  for (let i = 0; i < have.length; i++) {
    if (have[i] === record.bytes[i]) continue;
    if (have[i] !== 0)
      return { problem: `the segment holds other bytes there (from byte ${record.offset + i})` };
    lacking = true;
  }
  if (!lacking) return 'present';
  segment.restored = true;
  return 'missing';
}

/** The 1-based number of the line that starts at `offset` (counting the newlines before it). */
function lineAt(fd: number, offset: number): number {
  let line = 1;
  const step = 1024 * 1024;
  for (let at = 0; at < offset; at += step) {
    const bytes = readAt(fd, at, Math.min(step, offset - at));
    line += linesIn(bytes);
    if (bytes.length < Math.min(step, offset - at)) break;
  }
  return line;
}

function linesIn(bytes: Uint8Array): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * For verify, without the lock and without writing: the journaled appends the log lacks (a power loss
 * before any Eventfold process replayed the journal) and those that cannot be written back.
 */
export function checkJournal(layout: FolderLayout): { missingEvents: number; problems: LogProblem[] } {
  // Anything but a regular file there is reported by the log's own checks (and a FIFO would block the open).
  if (inspectEntry(layout.journal).kind !== 'file') return { missingEvents: 0, problems: [] };
  let fd: number;
  try {
    fd = fs.openSync(layout.journal, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missingEvents: 0, problems: [] };
    throw error;
  }
  let records: JournalRecord[];
  try {
    const size = fs.fstatSync(fd).size;
    const header = size >= JOURNAL_MIN_BYTES ? readHeader(fd) : undefined;
    records = header === undefined ? [] : readRecords(fd, size, header.generation, JOURNAL_HEADER_BYTES);
  } finally {
    fs.closeSync(fd);
  }
  const outcome = replayJournal(layout, records, 'check');
  const first = outcome.missing[0];
  if (first === undefined) return { missingEvents: 0, problems: outcome.problems };
  const events = outcome.missingEvents;
  const segmentFd = fs.openSync(layout.segment(first.segment), 'r');
  let line: number;
  try {
    line = lineAt(segmentFd, first.offset);
  } finally {
    fs.closeSync(segmentFd);
  }
  const problem: LogProblem = {
    segment: first.segment,
    line,
    offset: first.offset,
    reason:
      `${plural(events, 'journaled event')} not yet in the log: log/journal.bin holds ` +
      `${plural(outcome.missing.length, 'acknowledged append')} that the segment lacks from here on, as a power ` +
      'loss leaves it; opening the folder for writing with Eventfold writes them back',
    repairable: 'journal',
  };
  return { missingEvents: events, problems: [problem] };
}
