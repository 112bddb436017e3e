/** Something wrong in the log, precise enough for a person to find it with an editor. */
export interface LogProblem {
  /** Segment file name inside log/ (or another file of log/: a seal, the journal; '' for log/ itself). */
  readonly segment: string;
  /** 1-based line number in the segment; 0 when the problem is the file itself (a link, a directory). */
  readonly line: number;
  /** Byte offset of the line's start in the segment. */
  readonly offset: number;
  readonly reason: string;
  /** A line of NUL bytes only: what a crash can leave where a write was allocated but not filled. */
  readonly zeros?: boolean;
  /**
   * What `repair` does about it: cuts a torn tail, or keeps aside journaled appends that cannot be written
   * back (and clears the journal). Any other problem is for a person to judge, and repair refuses it.
   */
  readonly repairable?: 'torn-tail' | 'journal';
}

export function describeProblem(problem: LogProblem): string {
  if (problem.line === 0) return `log/${problem.segment}: ${problem.reason}`;
  return `log/${problem.segment} line ${problem.line} (byte ${problem.offset}): ${problem.reason}`;
}

/** A problem with a file of log/ as a whole (or with log/ itself, for `file` ''). */
export function fileProblem(file: string, reason: string): LogProblem {
  return { segment: file, line: 0, offset: 0, reason };
}
