/** Exports and reports: formats, charts, PDF, stamps and verify-report (docs/REPORTS.md). */
export { exportEvents, type EventsExportOptions } from './events-export.js';
export { exportState, type StateExportOptions } from './state-export.js';
export {
  selectionOf,
  normalFilter,
  type CompiledSelection,
  type FilterCompiler,
  type SelectionProgress,
} from './event-selection.js';
export { parseColumns, EVENT_FIELDS } from './event-columns.js';
export { ExportOutput, FileOutput, StreamOutput } from './export-output.js';
export { ReportError, type ReportErrorCode } from './report-error.js';
export { readStampedFile, type StampedFile } from './stamp-reading.js';
export { verifyReport, type ReportVerification } from './report-verification.js';
export { folderReport, type BuiltReport } from './folder-report.js';
export { projectionReport, projectionSelection, type ProjectionReportInput } from './projection-report.js';
export { renderReport, type RenderedReport } from './report-output.js';
export type { ReportDocument, ReportBlock } from './report-document.js';
export { journalDigest, journalSelection, type JournalDigestOptions } from './journal-digest.js';
