import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  makeFixtureFolder,
  openPage,
  removeFolder,
  screenshot,
  startBrowserMode,
  useBrowser,
  type FixtureEvent,
} from './harness.js';

const EVENTFOLD = path.resolve(import.meta.dirname, '../../bin/eventfold.js');
const TYPES = ['OrderPlaced', 'ItemAdded', 'PaymentCaptured', 'OrderShipped'] as const;
const COUNT = 120;

function fixtureEvent(i: number): FixtureEvent {
  return {
    stream: `order-${i % 12}`,
    type: TYPES[i % TYPES.length]!,
    data:
      i % 25 === 0
        ? { sku: `K${i}`, qty: 1 + (i % 5), note: 'gift wrap' }
        : { sku: `K${i}`, qty: 1 + (i % 5) },
  };
}

const scope = useBrowser();

async function openFolder(
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ page: Page; dir: string; errors: string[] }> {
  const dir = await makeFixtureFolder(Array.from({ length: COUNT }, (_, i) => fixtureEvent(i)));
  scope.defer(() => removeFolder(dir));
  const server = await startBrowserMode(dir);
  scope.defer(() => server.close());
  const { page, context, errors } = await openPage(scope.browser, server.url, colorScheme);
  scope.defer(() => context.close());
  return { page, dir, errors };
}

/** Where a download landed, read back. */
async function downloaded(download: Download, name: string): Promise<{ file: string; text: string }> {
  const file = path.join(os.tmpdir(), `eventfold-e2e-${process.pid}-${name}`);
  await download.saveAs(file);
  return { file, text: await readFile(file, 'utf8') };
}

/** `eventfold verify-report FILE DIR`: its exit code and output. */
function verifyReport(file: string, dir: string): { code: number; output: string } {
  try {
    return {
      code: 0,
      output: execFileSync(process.execPath, [EVENTFOLD, 'verify-report', file, dir], { encoding: 'utf8' }),
    };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, output: failed.stdout };
  }
}

describe('exports and reports in browser mode', () => {
  it('exports every match of a filtered log as CSV through the token-protected download, and it verifies', async () => {
    const { page, dir, errors } = await openFolder();
    await page.getByRole('link', { name: /^All events/ }).click();
    const log = page.getByRole('region', { name: 'Event log' });
    await log.getByPlaceholder('Search data and metadata').fill('gift');
    await log.getByRole('status').getByText('5 matches').waitFor();
    await log.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog.getByText('All events, containing “gift”: every match').isVisible()).resolves.toBe(
      true,
    );
    await dialog.getByRole('radio', { name: 'CSV' }).click();
    await screenshot(page, 'export-dialog-light');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('events.csv');
    const { file, text } = await downloaded(download, 'events.csv');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('position,time,stream,revision,type,id,data.sku,data.qty,data.note');
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['1', '26', '51', '76', '101']);
    expect(lines.at(-1)).toMatch(/^# eventfold \{"eventfold":"eventfold-stamp".*"filter":\{"text":"gift"\}/);
    await dialog.getByText(/events\.csv · .* · 5 events · SHA-256/).waitFor();
    const verified = verifyReport(file, dir);
    expect(verified.output).toContain('matches');
    expect(verified.code).toBe(0);
    expect(errors).toEqual([]);
  });

  it("exports a projection's state at the scrubber's position as JSON", async () => {
    const { page, errors } = await openFolder();
    await page
      .getByRole('list', { name: 'Projections' })
      .getByRole('link', { name: 'stream-statistics' })
      .click();
    const view = page.getByRole('region', { name: 'Projection stream-statistics' });
    // The projection's log sits beside its state: each pair of actions says which of the two it exports.
    await view.getByRole('button', { name: 'Report of events…', exact: true }).waitFor();
    await expect(view.getByRole('button', { name: 'Report of state…', exact: true }).count()).resolves.toBe(
      1,
    );
    await expect(view.getByRole('button', { name: 'Export events…', exact: true }).count()).resolves.toBe(1);
    await expect(view.getByRole('button', { name: /^(Report|Export)…$/ }).count()).resolves.toBe(0);
    await view.getByRole('button', { name: 'Export state…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByText(/The state of stream-statistics after position/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export' }).click(),
    ]);
    const { text } = await downloaded(download, 'state.json');
    const document = JSON.parse(text) as {
      projection: string;
      position: number;
      state: { events: number };
      eventfold: { count: number };
    };
    expect(document.projection).toBe('stream-statistics');
    expect(document.state.events).toBe(document.position);
    expect(document.eventfold.count).toBe(document.position);
    expect(errors).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`previews a report and saves it as HTML and PDF (${scheme})`, async () => {
      const { page, dir, errors } = await openFolder(scheme);
      await page.getByRole('link', { name: /^All events/ }).click();
      const log = page.getByRole('region', { name: 'Event log' });
      await log.getByRole('button', { name: 'Report…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Report of these events' });
      const preview = page.frameLocator('iframe[title="Report preview"]');
      await preview.getByText('Events over time by type').waitFor();
      await expect(preview.getByRole('heading', { name: 'Top streams' }).isVisible()).resolves.toBe(true);
      await screenshot(page, `report-preview-${scheme}`);
      // The same chart, live: drawn in the page from the option builder the report used.
      await dialog.getByRole('tab', { name: 'Live charts' }).click();
      const live = dialog.getByRole('img', { name: 'Events over time by type' });
      await live.locator('svg').first().waitFor();
      await expect(live.locator('svg text').allTextContents()).resolves.toContain('OrderPlaced');
      await screenshot(page, `report-live-chart-${scheme}`);
      await dialog.getByRole('tab', { name: 'Report' }).click();
      const [html] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'HTML' }).click(),
      ]);
      const saved = await downloaded(html, `report-${scheme}.html`);
      expect(saved.text).toContain('<meta name="eventfold-stamp" content=\'{"eventfold":"eventfold-stamp"');
      expect(saved.text).not.toMatch(/<script/i);
      expect(verifyReport(saved.file, dir).code).toBe(0);
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'PDF' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe('folder-report.pdf');
      const savedPdf = path.join(os.tmpdir(), `eventfold-e2e-${process.pid}-${scheme}.pdf`);
      await pdf.saveAs(savedPdf);
      expect(verifyReport(savedPdf, dir).code).toBe(0);

      // The saved report on its own, as a reader opens it, in the reader's colour scheme.
      const own = await scope.browser.newContext({
        colorScheme: scheme,
        viewport: { width: 900, height: 1100 },
      });
      scope.defer(() => own.close());
      const reader = await own.newPage();
      await reader.setContent(saved.text);
      await reader.screenshot({ path: await screenshot(reader, `report-html-${scheme}`), fullPage: true });
      const background = await reader.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(scheme === 'dark' ? 'rgb(22, 26, 33)' : 'rgb(247, 248, 250)');
      expect(errors).toEqual([]);
    });
  }
});
