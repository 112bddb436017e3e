import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReportStamp } from '../../shared/report-stamp.js';
import {
  LIGHT_CHART,
  chartOption,
  type ChartColors,
  type EventsOverTime,
} from '../../shared/reports/report-chart.js';
import { cellText, stampSummary } from './cell-text.js';
import type { ChartSvg } from './chart-svg.js';
import { pictureLabel, type ReportBlock, type ReportDocument } from './report-document.js';
import { PDF_PICTURES } from './journal-pictures.js';
import { stampJson } from './stamp-text.js';

// Not named `require`: the desktop build bundles this file as CommonJS, where that name is taken.
const requireFromHere = createRequire(import.meta.url);

interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const FONT_FILES = ['Roboto-Regular', 'Roboto-Medium', 'Roboto-Italic', 'Roboto-MediumItalic'];
let pdfmake: PdfMake | undefined;

/**
 * pdfmake with Roboto (shipped in pdfmake's own package) in its virtual file system, and every URL and
 * local file refused: a document can reach nothing outside itself. The font files are named by their
 * PostScript names because SVG text (the charts) asks PDFKit for the font by that name.
 */
function printer(): PdfMake {
  if (pdfmake !== undefined) return pdfmake;
  const loaded = requireFromHere('pdfmake') as PdfMake;
  const fonts = path.join(path.dirname(requireFromHere.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  for (const name of FONT_FILES)
    loaded.virtualfs.writeFileSync(name, fs.readFileSync(path.join(fonts, `${name}.ttf`)));
  loaded.setFonts({
    Roboto: {
      normal: 'Roboto-Regular',
      bold: 'Roboto-Medium',
      italics: 'Roboto-Italic',
      bolditalics: 'Roboto-MediumItalic',
    },
  });
  loaded.setUrlAccessPolicy(() => false);
  loaded.setLocalAccessPolicy(() => false);
  pdfmake = loaded;
  return loaded;
}

const PAGE_WIDTH = 515;

/**
 * A PDF report: text (selectable, Roboto embedded), tables and the charts as vectors, the stamp in the
 * document information (Subject, Keywords and an EventfoldStamp entry) and on every page's footer. Dates
 * come from the events, so the same inputs give the same bytes.
 */
export async function pdfReport(
  document: ReportDocument,
  stamp: ReportStamp,
  chartSvg: ChartSvg,
): Promise<Buffer> {
  let charts = 0;
  const date = new Date(document.date);
  const summary = stampSummary(stamp);
  const definition = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 56],
    compress: true,
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { color: '#5d6575', margin: [0, 0, 0, 10] },
      heading: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
      subheading: { fontSize: 10, bold: true, color: '#5d6575', margin: [0, 8, 0, 4] },
      th: { bold: true, color: '#5d6575', fontSize: 8 },
    },
    info: {
      title: document.title,
      author: 'Eventfold',
      subject: summary,
      keywords: `eventfold folder:${stamp.folder} positions:${stamp.selection.from}-${stamp.selection.to} count:${stamp.count} sha256:${stamp.eventsSha256}`,
      creator: 'Eventfold',
      producer: 'Eventfold (pdfmake)',
      creationDate: date,
      modDate: date,
      EventfoldStamp: stampJson(stamp),
    },
    content: [
      { text: document.title, style: 'title' },
      { text: document.subtitle, style: 'subtitle' },
      {
        canvas: [{ type: 'line', x1: 0, y1: 0, x2: PAGE_WIDTH, y2: 0, lineWidth: 1.5, lineColor: '#3b6fd8' }],
        margin: [0, 0, 0, 6],
      },
      ...document.blocks.map((block) => pdfBlock(block, () => `chart-${charts++}`, chartSvg)),
    ],
    footer: (page: number, pages: number) => ({
      margin: [40, 16, 40, 0],
      columns: [
        { text: summary, fontSize: 6.5, color: '#5d6575', width: '*' },
        { text: `${page} / ${pages}`, fontSize: 7, color: '#5d6575', width: 40, alignment: 'right' },
      ],
    }),
  };
  return printer().createPdf(definition).getBuffer();
}

function pdfBlock(block: ReportBlock, chartId: () => string, chartSvg: ChartSvg): Record<string, unknown> {
  switch (block.kind) {
    case 'heading':
      return { text: block.text, style: block.level === 3 ? 'subheading' : 'heading' };
    case 'paragraph':
      return { text: block.text, margin: [0, 0, 0, 6] };
    case 'facts':
      return {
        layout: 'noBorders',
        table: {
          widths: ['auto', '*'],
          body: block.rows.map(([label, value]) => [{ text: label, color: '#5d6575' }, { text: value }]),
        },
      };
    case 'table': {
      const numeric = new Set(block.numeric ?? []);
      return {
        layout: 'lightHorizontalLines',
        table: {
          headerRows: 1,
          widths: block.columns.map((_, i) => (i === 0 ? '*' : 'auto')),
          body: [
            block.columns.map((column, i) => ({
              text: column,
              style: 'th',
              alignment: numeric.has(i) ? 'right' : 'left',
            })),
            ...block.rows.map((row) =>
              row.map((value, i) => ({
                text: cellText(value),
                alignment: numeric.has(i) ? 'right' : 'left',
              })),
            ),
          ],
        },
      };
    }
    case 'chart': {
      const option = (data: EventsOverTime, colors: ChartColors): Record<string, unknown> =>
        chartOption(block.chart, data, colors);
      return {
        stack: [
          { text: block.title, bold: true, margin: [0, 8, 0, 2] },
          { svg: chartSvg(option(block.data, LIGHT_CHART), chartId(), 760, 300), width: PAGE_WIDTH },
        ],
        unbreakable: true,
      };
    }
    case 'entry': {
      const tags = block.tags.length === 0 ? '' : ` · ${block.tags.map((tag) => `#${tag}`).join(' ')}`;
      return {
        stack: [
          { text: `${block.time} · ${block.channel}${tags}`, color: '#5d6575', fontSize: 8 },
          ...block.paragraphs.map((text) => ({ text, margin: [0, 2, 0, 2] })),
          ...block.pictures.map((picture) =>
            // Bytes as a data URL: pdfmake then needs neither a file nor the network for it.
            picture.bytes === undefined || !PDF_PICTURES.has(picture.mediaType)
              ? { text: pictureLabel(picture), italics: true, color: '#5d6575' }
              : {
                  image: `data:${picture.mediaType};base64,${picture.bytes.toString('base64')}`,
                  ...pictureSize(picture.width, picture.height),
                  margin: [0, 4, 0, 4],
                },
          ),
        ],
        margin: [0, 4, 0, 8],
      };
    }
  }
}

/** At most the page's width and 260 points high; a picture of known size is never drawn larger (96 dpi). */
function pictureSize(width: number | undefined, height: number | undefined): Record<string, unknown> {
  if (width === undefined || height === undefined) return { fit: [PAGE_WIDTH, 260] };
  const scale = Math.min(0.75, PAGE_WIDTH / width, 260 / height);
  return { width: width * scale, height: height * scale };
}
