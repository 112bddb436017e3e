import type { EventToAppend, ExpectedRevision } from '../../../shared/event.js';
import type { StreamAppend } from '../../store/index.js';
import type { InputLine } from './append-input.js';

/** Consecutive lines of one stream form one all-or-nothing append of at most this many events… */
export const MAX_APPEND_EVENTS = 1000;
/** …and of at most this many characters of input. */
export const MAX_APPEND_CHARS = 4 * 1024 * 1024;
/** Lines appended together, in one write and one sync (as an importer commits rows 1000 a transaction). */
const BATCH_EVENTS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

/** One append of the batch, with the input line of each of its events. */
export interface BatchAppend extends StreamAppend {
  readonly events: EventToAppend[];
  readonly lines: number[];
  chars: number;
}

/**
 * Input lines in input order, as the appends they make: a line joins the append before it when it is of
 * the same stream and expects nothing the store must check (no expectedRevision, 'any' or 'exists', which
 * the lines before it in the append make true), while the append is under its limits. The grouping depends
 * on the input alone, so running the same input again makes the same appends (which is what makes a rerun
 * with ids a retry of each).
 */
export class ImportBatch {
  readonly appends: BatchAppend[] = [];
  events = 0;
  chars = 0;

  add(line: InputLine): void {
    const last = this.appends.at(-1);
    if (
      last?.stream === line.stream &&
      continuesAppend(line.expectedRevision) &&
      last.events.length < MAX_APPEND_EVENTS &&
      last.chars + line.size <= MAX_APPEND_CHARS
    ) {
      last.events.push(line.event);
      last.lines.push(line.number);
      last.chars += line.size;
    } else {
      const lines = [line.number];
      // One shape for every append (no spread): the import makes one an input line when streams interleave.
      this.appends.push({
        stream: line.stream,
        events: [line.event],
        expectedRevision: line.expectedRevision,
        lines,
        // The store names a bad event by its input line, as the import's own checks do.
        eventNames: (index) => `line ${lines[index] ?? '?'}`,
        chars: line.size,
      });
    }
    this.events++;
    this.chars += line.size;
  }

  /** Enough to append now (never for an atomic import, which is one append of everything). */
  get full(): boolean {
    return this.events >= BATCH_EVENTS || this.chars >= BATCH_CHARS;
  }

  get empty(): boolean {
    return this.appends.length === 0;
  }
}

function continuesAppend(expected: ExpectedRevision | undefined): boolean {
  return expected === undefined || expected === 'any' || expected === 'exists';
}
