/**
 * - BadOption: an option a user gave makes no sense (unknown format, column, projection position);
 * - NotStamped: a file has no Eventfold stamp, or one that cannot be read;
 * - WriteFailed: the export could not be written where asked (nothing half-written is left behind).
 */
export type ReportErrorCode = 'BadOption' | 'NotStamped' | 'WriteFailed';

/** A failure of an export, report or verification, with a message that says what to do. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
