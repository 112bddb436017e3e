import type { EventsOverTime } from '../../shared/reports/report-chart.js';

/**
 * A report before it has a format: what a report kind builds (folder, projection and, later, the journal
 * digest) and what the HTML, Markdown and PDF writers draw. A new kind of report only builds one of these.
 */
export interface ReportDocument {
  readonly title: string;
  /** One line under the title: what the report covers. */
  readonly subtitle: string;
  readonly blocks: readonly ReportBlock[];
  /** The report's date: taken from the events (the last one used), never from the clock. */
  readonly date: string;
}

export type ReportBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  /** Label and value pairs, such as first and last event. */
  | { readonly kind: 'facts'; readonly rows: readonly (readonly [string, string])[] }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly unknown[])[];
      /** Columns to align right (numbers). */
      readonly numeric?: readonly number[];
    }
  | {
      readonly kind: 'chart';
      readonly chart: 'events-over-time' | 'growth';
      readonly title: string;
      readonly data: EventsOverTime;
    };
