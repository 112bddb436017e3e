import { createHash, type Hash } from 'node:crypto';
import type { EventSelection, ExportFormat, ReportStamp } from '../../shared/report-stamp.js';
import { STAMP_VERSION, ZERO_SHA256 } from '../../shared/report-stamp.js';
import type { EventStore } from '../store/index.js';
import { COLUMN_SAMPLE, discoverColumns } from './event-columns.js';
import {
  selectedLines,
  type CompiledSelection,
  type SelectedLine,
  type SelectionProgress,
} from './event-selection.js';
import { eventsWriter, type EventsWriter } from './events-formats.js';
import type { ExportOutput } from './export-output.js';
import { LineDigest } from './line-digest.js';
import { stampJson } from './stamp-text.js';

export interface EventsExportOptions {
  readonly format: ExportFormat;
  /** JSON lines and JSON: the stored lines (default for JSON lines) or `read --json`'s shape (default for JSON). */
  readonly shape?: 'stored' | 'event';
  /** CSV and Markdown: the columns; default the envelope's fields and the data's paths (see discoverColumns). */
  readonly columns?: readonly string[];
  readonly bom?: boolean;
}

/** Widest values of the fields only known at the end, so the space reserved for a first-line stamp always fits. */
const WIDEST_COUNT = 9_999_999_999;

/**
 * Streams the selected events into `output` in one format and answers the stamp it wrote. Memory stays
 * flat: a batch of lines at a time. A stamp that goes first (JSON lines) is written over space reserved
 * for it when the output can seek, or after a first pass over the events when it cannot (stdout).
 */
export async function exportEvents(
  store: EventStore,
  selection: EventSelection,
  compiled: CompiledSelection,
  options: EventsExportOptions,
  output: ExportOutput,
  onProgress?: SelectionProgress,
): Promise<ReportStamp> {
  const shape = options.shape ?? (options.format === 'jsonl' ? 'stored' : 'event');
  const needsColumns = options.format === 'csv' || options.format === 'md';
  const columns = needsColumns
    ? (options.columns ?? (await sampleColumns(store, selection, compiled)))
    : undefined;
  const writer = eventsWriter(options.format, { shape, columns: columns ?? [], bom: options.bom ?? false });
  const stampOf = (digest: LineDigest, eventsSha256: string, contentSha256: string): ReportStamp => ({
    eventfold: 'eventfold-stamp',
    version: STAMP_VERSION,
    kind: 'events',
    format: options.format,
    folder: store.manifest.id,
    selection,
    count: digest.count,
    first: digest.first,
    last: digest.last,
    eventsSha256,
    contentSha256,
    ...(columns === undefined ? {} : { columns }),
  });

  if (writer.stampFirst) {
    if (output.seekable) {
      const widest = new LineDigest();
      widest.count = WIDEST_COUNT;
      widest.first = WIDEST_COUNT;
      widest.last = WIDEST_COUNT;
      await output.writeStamp(' '.repeat(stampJson(stampOf(widest, ZERO_SHA256, ZERO_SHA256)).length) + '\n');
    } else {
      // stdout: the stamp must be known before the first event is written.
      const first = new LineDigest();
      const content = new ContentOnly(writer);
      for await (const lines of selectedLines(store, selection, compiled)) {
        first.add(lines);
        content.add(lines);
      }
      const stamp = stampOf(first, first.digest(), content.digest());
      await output.writeStamp(writer.stampLine(stampJson(stamp)));
    }
  }

  const digest = new LineDigest();
  await output.write(writer.begin());
  for await (const lines of selectedLines(store, selection, compiled, onProgress)) {
    await output.write(writer.batch(lines, digest.count === 0));
    digest.add(lines);
  }
  await output.write(writer.end());
  const stamp = stampOf(digest, digest.digest(), output.contentSha256());
  const line = writer.stampLine(stampJson(stamp));
  if (!writer.stampFirst) await output.writeStamp(line);
  else if (output.seekable) await output.writeAtStart(line.slice(0, -1));
  return stamp;
}

/** The content hash of a first pass, for outputs that cannot seek: the same bytes, hashed and dropped. */
class ContentOnly {
  private readonly hash: Hash = createHash('sha256');
  private first = true;

  constructor(private readonly writer: EventsWriter) {
    this.hash.update(writer.begin());
  }

  add(lines: readonly SelectedLine[]): void {
    this.hash.update(this.writer.batch(lines, this.first));
    this.first = false;
  }

  digest(): string {
    this.hash.update(this.writer.end());
    return this.hash.digest('hex');
  }
}

async function sampleColumns(
  store: EventStore,
  selection: EventSelection,
  compiled: CompiledSelection,
): Promise<string[]> {
  const sample = [];
  for await (const lines of selectedLines(store, selection, compiled)) {
    for (const line of lines) sample.push(line.event);
    if (sample.length >= COLUMN_SAMPLE) break;
  }
  return discoverColumns(sample.slice(0, COLUMN_SAMPLE));
}
