import type { ReportStamp } from '../../shared/report-stamp.js';
import {
  DARK_CHART,
  LIGHT_CHART,
  chartOption,
  type ChartColors,
  type EventsOverTime,
} from '../../shared/reports/report-chart.js';
import { cellText, stampSummary } from './cell-text.js';
import type { ChartSvg } from './chart-svg.js';
import { pictureLabel, type ReportBlock, type ReportDocument } from './report-document.js';
import { stampJson } from './stamp-text.js';

const CHART_WIDTH = 760;
const CHART_HEIGHT = 300;

/**
 * A self-contained HTML page: inline CSS and SVG, no script, no link to anything, so it opens from disk
 * anywhere and prints as it looks. Light or dark follows the reader's prefers-color-scheme; charts are
 * drawn in both palettes and CSS shows one. The stamp is in meta tags (one of JSON, and the main fields
 * one a tag) and in the footer.
 */
export function htmlReport(document: ReportDocument, stamp: ReportStamp, chartSvg: ChartSvg): string {
  let charts = 0;
  const body = document.blocks
    .map((block) => htmlBlock(block, () => `chart-${charts++}`, chartSvg))
    .join('\n');
  const meta = [
    ['eventfold-folder', stamp.folder],
    ['eventfold-positions', `${stamp.selection.from}-${stamp.selection.to}`],
    ['eventfold-count', String(stamp.count)],
    ['eventfold-events-sha256', stamp.eventsSha256],
  ]
    .map(([name, content]) => `<meta name="${name}" content="${escapeHtml(content!)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Eventfold">
${meta}
<meta name="eventfold-stamp" content='${stampJson(stamp)}'>
<title>${escapeHtml(document.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(document.title)}</h1><p class="subtitle">${escapeHtml(document.subtitle)}</p></header>
${body}
</main>
<footer>${escapeHtml(stampSummary(stamp))}</footer>
</body>
</html>
`;
}

function htmlBlock(block: ReportBlock, chartId: () => string, chartSvg: ChartSvg): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 3 ? `<h3>${escapeHtml(block.text)}</h3>` : `<h2>${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<dl class="facts">${block.rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
    case 'table': {
      const numeric = new Set(block.numeric ?? []);
      const cell = (tag: string, value: unknown, i: number): string =>
        `<${tag}${numeric.has(i) ? ' class="num"' : ''}>${escapeHtml(tag === 'th' ? String(value) : cellText(value))}</${tag}>`;
      return `<div class="table"><table><thead><tr>${block.columns.map((column, i) => cell('th', column, i)).join('')}</tr></thead><tbody>${block.rows
        .map((row) => `<tr>${row.map((value, i) => cell('td', value, i)).join('')}</tr>`)
        .join('')}</tbody></table></div>`;
    }
    case 'chart': {
      const option = (data: EventsOverTime, colors: ChartColors): Record<string, unknown> =>
        chartOption(block.chart, data, colors);
      const id = chartId();
      const light = chartSvg(option(block.data, LIGHT_CHART), `${id}l`, CHART_WIDTH, CHART_HEIGHT);
      const dark = chartSvg(option(block.data, DARK_CHART), `${id}d`, CHART_WIDTH, CHART_HEIGHT);
      return `<figure class="chart" role="img" aria-label="${escapeHtml(block.title)}"><figcaption>${escapeHtml(block.title)}</figcaption><div class="light">${light}</div><div class="dark">${dark}</div></figure>`;
    }
    case 'entry':
      return htmlEntry(block);
  }
}

/** An entry: its text only ever as escaped paragraphs, pictures as data: URLs (small ones) or by name. */
function htmlEntry(block: Extract<ReportBlock, { kind: 'entry' }>): string {
  const paragraphs = block.paragraphs
    .map((text) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const pictures = block.pictures
    .map((picture) =>
      picture.bytes === undefined
        ? `<p class="file">${escapeHtml(pictureLabel(picture))}</p>`
        : `<img src="data:${picture.mediaType};base64,${picture.bytes.toString('base64')}" alt="${escapeHtml(picture.name)}">`,
    )
    .join('');
  const tags =
    block.tags.length === 0 ? '' : ` · ${escapeHtml(block.tags.map((tag) => `#${tag}`).join(' '))}`;
  return `<article class="entry"><p class="when">${escapeHtml(block.time)} · ${escapeHtml(block.channel)}${tags}</p>${paragraphs}${pictures}</article>`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f7f8fa;--panel:#fff;--text:#1f2430;--muted:#5d6575;--line:#dfe3ea;--accent:#3b6fd8}
@media (prefers-color-scheme:dark){:root{--bg:#161a21;--panel:#1f242d;--text:#e4e7ed;--muted:#9aa3b2;--line:#343b48;--accent:#7aa2f7}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:840px;margin:0 auto;padding:32px 24px 16px}
header{border-bottom:2px solid var(--accent);margin-bottom:8px}
h1{font-size:24px;margin:0 0 4px}
.subtitle{color:var(--muted);margin:0 0 12px}
h2{font-size:17px;margin:28px 0 8px}
h3{font-size:14px;margin:18px 0 6px;color:var(--muted)}
figure.chart{margin:20px 0;padding:12px;background:var(--panel);border:1px solid var(--line);border-radius:8px}
figcaption{font-weight:600;margin-bottom:4px}
figure.chart svg{width:100%;height:auto;display:block}
.dark{display:none}
@media (prefers-color-scheme:dark){.light{display:none}.dark{display:block}}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0;padding:12px 16px;background:var(--panel);border:1px solid var(--line);border-radius:8px}
.facts dt{color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
.table{overflow-x:auto;background:var(--panel);border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:5px 12px;text-align:left;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
th{font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
tr:last-child td{border-bottom:0}
.num{text-align:right}
.entry{margin:0 0 10px;padding:10px 16px;background:var(--panel);border:1px solid var(--line);border-radius:8px;overflow-wrap:anywhere}
.entry p{margin:4px 0}
.entry .when{color:var(--muted);font-size:12px;margin:0 0 4px}
.entry img{display:block;max-width:100%;max-height:420px;margin:8px 0;border-radius:6px}
.entry .file{color:var(--muted);font-style:italic}
footer{max-width:840px;margin:24px auto 32px;padding:8px 24px 0;color:var(--muted);font-size:11px;border-top:1px solid var(--line);overflow-wrap:anywhere}
@media print{body{background:#fff}figure.chart,.facts,.table,.entry{break-inside:avoid}}
`;
