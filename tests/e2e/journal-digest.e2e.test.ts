import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from './harness.js';
import { daysAgo, makeJournalFolder } from './journal-fixture.js';
import { bubble, openJournalPage, PATIENCE } from './journal-page.js';

const EVENTFOLD = path.resolve(import.meta.dirname, '../../bin/eventfold.js');
const scope = useBrowser();

/** Two entries today (always inside "this month"), one six weeks ago (never inside it). */
const journal = () =>
  makeJournalFolder(async (writer) => {
    await writer.channel('journal', 'Journal', daysAgo(90));
    await writer.post('journal', 'old', 'Six weeks ago: a long walk', daysAgo(42, 10));
    await writer.post('journal', 'first', 'Coffee by the harbour #ana', daysAgo(0, 0, 5));
    await writer.post('journal', 'second', 'A <b>bold</b> claim, typed as text', daysAgo(0, 0, 10));
  });

async function openPeriodPicker(page: Page, how: 'button' | 'keys'): Promise<void> {
  await bubble(page, 'Coffee by the harbour').waitFor(PATIENCE);
  if (how === 'button') await page.getByRole('button', { name: 'Report…' }).click();
  else {
    // The views' Export key (the desktop's File > Export, Ctrl+E, runs the same action).
    await page.getByRole('log').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
  }
  await page.getByRole('dialog', { name: 'Journal digest' }).waitFor(PATIENCE);
}

describe("the journal's Report…", () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`picks a period, previews the digest and saves it as Markdown that verifies (${scheme})`, async () => {
      const dir = await journal();
      const { page, errors } = await openJournalPage(scope, dir, { colorScheme: scheme });
      await openPeriodPicker(page, 'button');
      const picker = page.getByRole('dialog', { name: 'Journal digest' });
      await picker.getByRole('radio', { name: 'Custom…' }).click();
      await picker.getByLabel('From').fill('2026-03-20');
      await picker.getByLabel('To').fill('2026-03-01');
      await picker
        .getByRole('alert')
        .getByText(/ends before it starts/)
        .waitFor();
      expect(await picker.getByRole('button', { name: 'Preview' }).isDisabled()).toBe(true);
      await picker.getByRole('radio', { name: 'This month' }).click();
      await screenshot(page, `journal-digest-period-${scheme}`);
      await picker.getByRole('button', { name: 'Preview' }).click();

      const dialog = page.getByRole('dialog', { name: /^Journal digest, \d{4}-\d{2}-01/ });
      const preview = page.frameLocator('iframe[title="Report preview"]');
      await preview.getByText('Entries per day').waitFor(PATIENCE);
      await preview.getByText('Coffee by the harbour #ana').waitFor();
      await expect(preview.getByText('A <b>bold</b> claim, typed as text').isVisible()).resolves.toBe(true);
      expect(await preview.getByText('Six weeks ago').count()).toBe(0);
      await screenshot(page, `journal-digest-preview-${scheme}`);
      await dialog.getByRole('tab', { name: 'Live charts' }).click();
      await dialog.getByRole('img', { name: 'Entries per day' }).locator('svg').first().waitFor();
      await screenshot(page, `journal-digest-live-chart-${scheme}`);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'Markdown' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^journal-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}\.md$/);
      const file = path.join(os.tmpdir(), `eventfold-e2e-${process.pid}-digest-${scheme}.md`);
      await download.saveAs(file);
      const text = await readFile(file, 'utf8');
      expect(text).toContain('Coffee by the harbour #ana');
      expect(text).toMatch(/"kind":"journal-digest"/);
      // verify-report exits 0 (execFileSync throws on any other exit).
      const verified = execFileSync(process.execPath, [EVENTFOLD, 'verify-report', file, dir], {
        encoding: 'utf8',
      });
      expect(verified).toMatch(/matches/);
      expect(errors).toEqual([]);
    });
  }

  it("is what the views' Export action (e; File > Export, Ctrl+E on the desktop) opens in the journal", async () => {
    const { page, errors } = await openJournalPage(scope, await journal());
    await openPeriodPicker(page, 'keys');
    expect(errors).toEqual([]);
  });
});
