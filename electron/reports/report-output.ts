import type { ReportFormat, ReportStamp, StampKind } from '../../shared/report-stamp.js';
import { STAMP_VERSION, ZERO_SHA256 } from '../../shared/report-stamp.js';
import type { BuiltReport } from './folder-report.js';
import type { ReportDocument } from './report-document.js';
import { htmlReport } from './html-report.js';
import { markdownReport } from './markdown-report.js';
import { pdfReport } from './pdf-report.js';
import { seal, sha256 } from './stamp-reading.js';
import { stampJson } from './stamp-text.js';
import { stampLineFor } from './state-export.js';

export interface RenderedReport {
  readonly bytes: Buffer;
  readonly stamp: ReportStamp;
  /** What was drawn: the app's preview shows its charts live. */
  readonly document: ReportDocument;
}

/**
 * A built report in one format, stamped. Markdown carries the stamp as its last line (the content hash
 * covers the rest); HTML and PDF carry it inside, so their content hash is taken with zeros in its place
 * and then written over them.
 */
export async function renderReport(
  built: BuiltReport,
  format: ReportFormat,
  base: Pick<ReportStamp, 'folder' | 'selection' | 'projection' | 'journal'> & { readonly kind: StampKind },
): Promise<RenderedReport> {
  const { digest, document } = built;
  const stamp: ReportStamp = {
    eventfold: 'eventfold-stamp',
    version: STAMP_VERSION,
    kind: base.kind,
    format,
    folder: base.folder,
    selection: base.selection,
    count: digest.count,
    first: digest.first,
    last: digest.last,
    eventsSha256: digest.digest(),
    contentSha256: ZERO_SHA256,
    ...(base.projection === undefined ? {} : { projection: base.projection }),
    ...(base.journal === undefined ? {} : { journal: base.journal }),
  };
  if (format === 'md') {
    const body = Buffer.from(markdownReport(document, stamp), 'utf8');
    const sealed = { ...stamp, contentSha256: sha256(body) };
    return {
      bytes: Buffer.concat([body, Buffer.from(stampLineFor('md', stampJson(sealed)))]),
      stamp: sealed,
      document,
    };
  }
  // ECharts loads with the first report drawn, not with every process that can make one.
  const { chartSvg } = await import('./chart-svg.js');
  const unsealed =
    format === 'html'
      ? Buffer.from(htmlReport(document, stamp, chartSvg), 'utf8')
      : await pdfReport(document, stamp, chartSvg);
  return { bytes: seal(unsealed), stamp: { ...stamp, contentSha256: sha256(unsealed) }, document };
}
