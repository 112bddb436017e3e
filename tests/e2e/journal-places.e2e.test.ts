import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from './harness.js';
import { daysAgo, makeJournalFolder } from './journal-fixture.js';
import {
  bubble,
  composer,
  messageLog,
  messageRow,
  openJournalPage,
  PATIENCE,
  sidebar,
} from './journal-page.js';

const scope = useBrowser();

/** Two channels, a long run of recent messages, and a few entries from a year and a half ago. */
const longJournal = () =>
  makeJournalFolder(async (journal) => {
    await journal.channel('journal', 'Journal', daysAgo(600));
    await journal.channel('travel', 'Travel', daysAgo(600));
    await journal.post(
      'travel',
      'old1',
      'Landed in Lisbon, pastéis de nata at the airport',
      daysAgo(540, 14),
    );
    await journal.post('travel', 'old2', 'Tram 28 up to the castle', daysAgo(540, 16));
    for (let i = 0; i < 150; i++) {
      await journal.post(
        'journal',
        `day${i}`,
        `Entry number ${i} of the spring`,
        daysAgo(150 - i, 8, i % 60),
      );
    }
    await journal.post('journal', 'cafe', 'Lunch at the café by the harbour', daysAgo(0, 7));
  });

describe('places in the journal', () => {
  it('searches from / with accents folded, and opening a result shows it marked in its own channel', async () => {
    const { page, errors } = await openJournalPage(scope, await longJournal());
    await bubble(page, 'Lunch at the café').waitFor();
    await messageLog(page).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const search = page.getByRole('complementary', { name: 'Search' });
    await search.getByRole('searchbox', { name: 'Search messages' }).fill('pasteis');
    const hit = search.getByRole('button').filter({ hasText: 'Lisbon' });
    await hit.waitFor(PATIENCE);
    expect(await hit.locator('mark').allInnerTexts()).toEqual(['pastéis']);
    await hit.click();
    await expect
      .poll(() => messageRow(page, 'Landed in Lisbon').getAttribute('class'), PATIENCE)
      .toContain('marked');
    await expect
      .poll(
        () => sidebar(page).getByRole('button', { name: 'Travel, 2 messages' }).getAttribute('aria-current'),
        PATIENCE,
      )
      .toBe('page');
    expect(page.url()).toMatch(/#\/journal\/channel\/travel\?message=old1/);
    await screenshot(page, 'journal-search-light');

    // The palette (Ctrl+K) finds messages too.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').fill('harbour');
    await page.getByRole('option', { name: /Lunch at the café by the harbour/ }).click();
    await expect
      .poll(() => messageRow(page, 'Lunch at the café').getAttribute('class'), PATIENCE)
      .toContain('marked');
    expect(errors).toEqual([]);
  });

  it('jumps to a date from the calendar, and Back returns to where the reader was', async () => {
    const { page, errors } = await openJournalPage(scope, await longJournal());
    await bubble(page, 'Lunch at the café').waitFor();
    await page.getByRole('button', { name: 'Jump to date' }).click();
    const calendar = page.getByRole('dialog', { name: 'Jump to a date' });
    await calendar
      .getByRole('button', { name: /, 1 entry$/ })
      .first()
      .waitFor(PATIENCE);
    await screenshot(page, 'journal-calendar-light');
    const target = daysAgo(100).toISOString().slice(0, 10);
    await calendar.getByRole('textbox', { name: 'A date' }).fill(target);
    const first = 'Entry number 50 of the spring';
    await expect.poll(() => messageRow(page, first).getAttribute('class'), PATIENCE).toContain('marked');
    expect(page.url()).toContain(`date=${target}`);
    // The jump loaded the page around that day, not the whole channel.
    expect(await messageLog(page).getByRole('article').count()).toBeLessThan(120);

    await page.goBack();
    await bubble(page, 'Lunch at the café').waitFor(PATIENCE);
    expect(page.url()).not.toContain('date=');
    expect(errors).toEqual([]);
  });

  it('loads older messages as the reader scrolls up, without moving the ones on screen', async () => {
    const { page, errors } = await openJournalPage(scope, await longJournal());
    await bubble(page, 'Lunch at the café').waitFor();
    const log = messageLog(page);
    let compared = 0;
    for (let round = 0; round < 12; round++) {
      const before = await log.evaluate((element) => {
        const rows = [...element.querySelectorAll<HTMLElement>('[data-message]')];
        const top = element.getBoundingClientRect().top;
        const visible = rows.find((row) => row.getBoundingClientRect().top >= top);
        return visible === undefined
          ? null
          : { id: visible.dataset.message!, y: visible.getBoundingClientRect().top };
      });
      await log.evaluate((element) => element.scrollBy(0, -500));
      await page.waitForTimeout(250);
      if (before === null) continue;
      const after = await log.evaluate((element, id) => {
        const row = element.querySelector<HTMLElement>(`[data-message="${id}"]`);
        return row === null ? null : row.getBoundingClientRect().top;
      }, before.id);
      // Scrolled by 500 px: the row the reader was looking at moved down by those 500 px, not more.
      if (after === null) continue;
      expect(Math.abs(after - before.y - 500)).toBeLessThan(60);
      compared += 1;
    }
    // Most rounds compared a row (a round can scroll a row out of the list's window), or the check was empty.
    expect(compared).toBeGreaterThanOrEqual(8);
    await log.evaluate(async (element) => {
      for (let i = 0; i < 200 && !element.textContent?.includes('This is the beginning'); i++) {
        element.scrollTop = 0;
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
    });
    await page.getByText('This is the beginning of').waitFor(PATIENCE);
    await bubble(page, 'Entry number 0 of the spring').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the journal as of a date: read-only, later posts gone, later edits undone, later deletes back', async () => {
    const { page, errors } = await openJournalPage(
      scope,
      await makeJournalFolder(async (journal) => {
        await journal.channel('journal', 'Journal', daysAgo(20));
        await journal.post('journal', 'a', 'Kept as first written', daysAgo(10));
        await journal.post('journal', 'b', 'Deleted later', daysAgo(10, 10));
        await journal.run(
          { type: 'EditMessage', message: 'a', edit: 'e1', baseVersion: 1, text: 'Rewritten later' },
          daysAgo(5),
        );
        await journal.run({ type: 'DeleteMessage', message: 'b' }, daysAgo(5, 10));
        await journal.post('journal', 'c', 'Written after that day', daysAgo(3));
      }),
    );
    await bubble(page, 'Rewritten later').waitFor();
    await page.getByRole('button', { name: 'As of…' }).click();
    const picker = page.getByRole('dialog', { name: 'The journal as of a date' });
    await picker.getByLabel('Date').fill(daysAgo(7).toISOString().slice(0, 10));
    await picker.getByRole('button', { name: 'Show the journal then' }).click();
    await page.getByRole('status').filter({ hasText: 'The journal as of' }).waitFor();
    await bubble(page, 'Kept as first written').waitFor(PATIENCE);
    await bubble(page, 'Deleted later').waitFor();
    expect(await bubble(page, 'Written after that day').count()).toBe(0);
    expect(await composer(page).count()).toBe(0);
    expect(page.url()).toContain('asof=');
    await screenshot(page, 'journal-as-of-light');

    await page.getByRole('status').getByRole('button', { name: 'Back to now' }).click();
    await bubble(page, 'Written after that day').waitFor(PATIENCE);
    expect(await bubble(page, 'Deleted later').count()).toBe(0);
    await composer(page).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows statistics, on this day, and creates, renames and archives channels', async () => {
    const { page, errors } = await openJournalPage(scope, await longJournal());
    await bubble(page, 'Lunch at the café').waitFor();
    await sidebar(page).getByRole('button', { name: 'Statistics' }).click();
    await page.getByRole('img', { name: /Entries per day/ }).waitFor(PATIENCE);
    expect(await page.getByText('entries', { exact: true }).count()).toBe(1);
    await sidebar(page).getByRole('button', { name: 'On this day' }).click();
    await page.getByRole('heading', { name: 'On this day' }).waitFor();

    await sidebar(page).getByRole('button', { name: 'New channel' }).click();
    await sidebar(page).getByRole('textbox', { name: 'New channel' }).fill('Ideas');
    await sidebar(page).getByRole('textbox', { name: 'New channel' }).press('Enter');
    await sidebar(page).getByRole('button', { name: 'Ideas, 0 messages' }).waitFor(PATIENCE);
    await page.getByRole('heading', { name: 'Ideas' }).waitFor();
    await sidebar(page).getByRole('button', { name: 'Ideas: channel actions' }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    await sidebar(page).getByRole('textbox', { name: 'Rename Ideas' }).fill('Someday');
    await sidebar(page).getByRole('textbox', { name: 'Rename Ideas' }).press('Enter');
    await sidebar(page).getByRole('button', { name: 'Someday: channel actions' }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    await sidebar(page).getByText('Archived (1)').click();
    await sidebar(page).getByRole('button', { name: 'Someday, 0 messages, archived' }).waitFor(PATIENCE);
    expect(errors).toEqual([]);
  });
});
