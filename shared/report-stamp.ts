/**
 * The stamp every export and report carries (docs/REPORTS.md): which folder, which events (source, filter,
 * position window), how many, and SHA-256 hashes of the stored lines used and of the file's own content.
 * `eventfold verify-report` reads it back and checks it against the folder.
 */
import type { LogFilter, LogSource } from './contract.js';

/** Bumped when the stamp's fields or the hashes' definitions change. */
export const STAMP_VERSION = 1;

/** Formats of an export of events or of a projection's state. */
export type ExportFormat = 'jsonl' | 'json' | 'csv' | 'md';
/** Formats of a report. */
export type ReportFormat = 'html' | 'pdf' | 'md';

/** What an export or report is made of: events of the log, or a projection's state at a position. */
export type StampKind =
  'events' | 'projection-state' | 'folder-report' | 'projection-report' | 'journal-digest';

/**
 * A journal digest's period: local days `from`..`to` (inclusive) in `timeZone`, and the channel (id) when
 * only one. verify-report uses it to tell whether entries of the period changed since the digest was made.
 */
export interface JournalPeriod {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly channel?: string;
}

/** Which events of a folder: a log view's source and filters, within a window of positions. */
export interface EventSelection {
  readonly source: LogSource;
  readonly filter: LogFilter;
  /** First and last position considered (inclusive). `to` is the folder's last position when not given. */
  readonly from: number;
  readonly to: number;
  /**
   * True when the window's end was asked for (a closed range): an event appended later inside it (by
   * position or by the filter's time range) means the report no longer covers the range.
   */
  readonly closed: boolean;
}

export interface ReportStamp {
  /** Always "eventfold-stamp": how a program finds the stamp. */
  readonly eventfold: 'eventfold-stamp';
  readonly version: number;
  readonly kind: StampKind;
  readonly format: ExportFormat | ReportFormat;
  /** The folder's manifest id. */
  readonly folder: string;
  readonly selection: EventSelection;
  /** Events used, and the positions of the first and last of them (null when none). */
  readonly count: number;
  readonly first: number | null;
  readonly last: number | null;
  /** SHA-256 (hex) over the stored lines of the events used, each with its newline, in position order. */
  readonly eventsSha256: string;
  /**
   * SHA-256 (hex) of the file's own content: for exports, every byte but the stamp's line; for reports, the
   * whole file with this value written as 64 zeros.
   */
  readonly contentSha256: string;
  /** For a projection's state or report: its name and the position of the state. */
  readonly projection?: { readonly name: string; readonly position: number };
  /** For a journal digest: the period it covers. */
  readonly journal?: JournalPeriod;
  /** Columns of a CSV or Markdown export, in order. */
  readonly columns?: readonly string[];
}

export const ZERO_SHA256 = '0'.repeat(64);
