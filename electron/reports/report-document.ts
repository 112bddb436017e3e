import type { EventsOverTime, ReportChartKind } from '../../shared/reports/report-chart.js';

/**
 * A report before it has a format: what a report kind builds (folder, projection and the journal
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
  /** A section's heading; level 3 for a part of one (a day of a journal digest's entries). */
  | { readonly kind: 'heading'; readonly text: string; readonly level?: 3 }
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
      readonly chart: ReportChartKind;
      readonly title: string;
      readonly data: EventsOverTime;
    }
  /** A journal entry: its local time, channel, text as plain paragraphs (never HTML) and pictures. */
  | {
      readonly kind: 'entry';
      readonly time: string;
      readonly channel: string;
      readonly paragraphs: readonly string[];
      readonly tags: readonly string[];
      readonly pictures: readonly ReportPicture[];
    };

/**
 * A picture or file of an entry. `bytes` only when it is small enough to embed (and a format a PDF can
 * draw); otherwise the report names it. Never a path: a report reaches no file.
 */
export interface ReportPicture {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly bytes?: Buffer;
  /** Pixel size when the journal knows it: a PDF draws the picture at that size, never larger. */
  readonly width?: number;
  readonly height?: number;
  /** Why it is named rather than shown (too large, not a picture, missing from the folder). */
  readonly note?: string;
}

/** How a picture that is not shown is named: `ferry.jpg (image/jpeg, 47 KB, too large to embed)`. */
export function pictureLabel(picture: ReportPicture): string {
  const size =
    picture.size < 1024
      ? `${picture.size} bytes`
      : picture.size < 1024 * 1024
        ? `${Math.round(picture.size / 1024)} KB`
        : `${(picture.size / 1024 / 1024).toFixed(1)} MB`;
  return `${picture.name} (${picture.mediaType}, ${size}${picture.note === undefined ? '' : `, ${picture.note}`})`;
}
