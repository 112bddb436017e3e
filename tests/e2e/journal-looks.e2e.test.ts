/**
 * Every view of the journal in both themes, on a journal with what real ones hold (long paragraphs, an
 * unbroken link, lists and code, replies, reactions, pins, a picture, edits, a delete, an empty channel,
 * an archived one, entries from earlier years): a screenshot of each for a person to look at
 * (test-results/screenshots/journal-*-light|dark.png), and axe-core's check where people spend their time
 * (the chat, search and statistics, and the other pages and panels too) with no serious or critical
 * violation.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeFixtureFolder, screenshot, useBrowser } from './harness.js';
import { daysAgo, makeJournalFolder, seriousViolations } from './journal-fixture.js';
import {
  bubble,
  composer,
  messageAction,
  messageLog,
  messageMenu,
  messageRow,
  openJournalPage,
  PATIENCE,
  sidebar,
} from './journal-page.js';

const scope = useBrowser();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const THEMES = ['light', 'dark'] as const;

const LONG_PARAGRAPH = [
  'Walked the whole coastal path from the lighthouse to the old harbour today, and it took far longer than',
  'the map promised: the tide was in, the lower track was under water, and the upper one climbs through',
  'gorse that nobody has cut since spring. Worth it for the view over the bay at the end, though.',
].join(' ');

/** A journal with the things real journals hold, each where a view shows it. */
const richJournal = () =>
  makeJournalFolder(async (journal) => {
    const icon = await journal.attach({
      path: path.join(ROOT, 'build', 'icon.png'),
      name: 'harbour.png',
      width: 512,
      height: 512,
    });
    await journal.channel('journal', 'Journal', daysAgo(800));
    await journal.channel('travel', 'Travel', daysAgo(800));
    await journal.channel('reading', 'Reading list', daysAgo(800));
    await journal.channel('work', 'Old work notes', daysAgo(800));
    await journal.run({ type: 'ArchiveChannel', channel: 'work' }, daysAgo(700));
    await journal.post(
      'travel',
      'y2',
      'Two years ago: first night in Bergen, rain all evening',
      daysAgo(730, 20),
    );
    await journal.post('travel', 'y1', 'A year ago today: the ferry to the islands #trip', daysAgo(365, 11));
    await journal.post('journal', 'a1', 'Started the new notebook.', daysAgo(3, 8, 5));
    await journal.post('journal', 'a2', LONG_PARAGRAPH, daysAgo(3, 18, 40));
    await journal.post(
      'journal',
      'a3',
      [
        'Things to **remember** for the #trip:',
        '',
        '- passport and tickets',
        '- the charger (again)',
        '- `ferry 07:15` from pier 4',
        '',
        'Route: https://example.org/maps/a-very-long-route-name-that-does-not-break-anywhere-at-all-0123456789abcdef',
      ].join('\n'),
      daysAgo(2, 9, 12),
    );
    await journal.post('journal', 'a4', 'Did you pack the charger?', daysAgo(2, 9, 30), { replyTo: 'a3' });
    await journal.run({ type: 'AddReaction', message: 'a3', emoji: '👍' }, daysAgo(2, 9, 31));
    await journal.run({ type: 'AddReaction', message: 'a3', emoji: '🎉' }, daysAgo(2, 9, 32));
    await journal.run({ type: 'PinMessage', message: 'a3' }, daysAgo(2, 9, 33));
    await journal.post('journal', 'a5', 'Coffee by the harbor', daysAgo(1, 7, 45));
    await journal.run(
      {
        type: 'EditMessage',
        message: 'a5',
        edit: 'e1',
        baseVersion: 1,
        text: 'Coffee by the harbour with Ana',
      },
      daysAgo(1, 7, 50),
    );
    await journal.post('journal', 'a6', 'Something I did not mean to write', daysAgo(1, 8));
    await journal.run({ type: 'DeleteMessage', message: 'a6' }, daysAgo(1, 8, 1));
    await journal.post('journal', 'a7', 'The view from the pier', daysAgo(0, 6), { attachments: [icon] });
    await journal.post('journal', 'a8', 'Supercalifragilisticexpialidocious'.repeat(4), daysAgo(0, 6, 30));
  });

/** The view as a person would see it once it has settled: no pointer over anything, focus nowhere special. */
async function look(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 799);
  await screenshot(page, name);
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
}

describe.each(THEMES)('the journal in the %s theme', (theme) => {
  it('looks finished in every view, and every view passes axe', async () => {
    const { page, errors } = await openJournalPage(scope, await richJournal(), { colorScheme: theme });
    const log = messageLog(page);
    await bubble(page, 'The view from the pier')
      .getByRole('button', { name: 'Open harbour.png' })
      .locator('img')
      .waitFor(PATIENCE);
    await look(page, `journal-chat-${theme}`);
    await expectAccessible(page, 'chat');

    await bubble(page, 'Coffee by the harbour').getByRole('button', { name: 'edited' }).click();
    await page.getByRole('complementary', { name: 'Edit history' }).getByText('Version 2').waitFor(PATIENCE);
    await look(page, `journal-history-${theme}`);
    await expectAccessible(page, 'history');

    await page.getByRole('button', { name: '1 pinned' }).click();
    // A pin previews its first lines, the list under the first line too.
    await page
      .getByRole('complementary', { name: 'Pinned' })
      .getByText(/Things to remember for the #trip: passport and tickets/)
      .waitFor(PATIENCE);
    await look(page, `journal-pins-${theme}`);

    await log.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const search = page.getByRole('complementary', { name: 'Search' });
    // A typo ("harbor"), as people type: both spellings are found.
    await search.getByRole('searchbox', { name: 'Search messages' }).fill('harbor');
    await search.getByRole('button').filter({ hasText: 'Coffee by the' }).waitFor(PATIENCE);
    await look(page, `journal-search-${theme}`);
    await expectAccessible(page, 'search');
    await search.getByRole('button', { name: 'Filters' }).click();
    await look(page, `journal-search-filters-${theme}`);
    await page.keyboard.press('Escape');

    await bubble(page, 'The view from the pier').getByRole('button', { name: 'Open harbour.png' }).click();
    await page.getByRole('dialog', { name: 'harbour.png' }).locator('img').waitFor(PATIENCE);
    await look(page, `journal-lightbox-${theme}`);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Jump to date' }).click();
    await page
      .getByRole('dialog', { name: 'Jump to a date' })
      .getByRole('button', { name: /, \d+ entr(y|ies)$/ })
      .first()
      .waitFor(PATIENCE);
    await look(page, `journal-calendar-${theme}`);
    await expectAccessible(page, 'calendar');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'As of…' }).click();
    const picker = page.getByRole('dialog', { name: 'The journal as of a date' });
    await picker.getByLabel('Date').fill(daysAgo(2).toISOString().slice(0, 10));
    await look(page, `journal-as-of-picker-${theme}`);
    await picker.getByRole('button', { name: 'Show the journal then' }).click();
    await page.getByRole('status').filter({ hasText: 'The journal as of' }).waitFor(PATIENCE);
    await bubble(page, 'Started the new notebook.').waitFor(PATIENCE);
    // The banner and that message show before the rows of the moment replace today's: wait for the newer
    // message to go. Days are named from the reader's today: those two days ago are neither "Today" nor
    // "Yesterday".
    await bubble(page, 'The view from the pier').waitFor({ state: 'detached', ...PATIENCE });
    const days = await log.getByRole('separator').allInnerTexts();
    expect(days.length).toBeGreaterThan(0);
    expect(days.filter((day) => day === 'Today' || day === 'Yesterday')).toEqual([]);
    await look(page, `journal-as-of-${theme}`);
    await expectAccessible(page, 'as of');
    await page.getByRole('status').getByRole('button', { name: 'Back to now' }).click();
    await bubble(page, 'The view from the pier').waitFor(PATIENCE);

    await sidebar(page).getByRole('button', { name: 'Statistics' }).click();
    await page.getByRole('img', { name: /Entries per day/ }).waitFor(PATIENCE);
    await look(page, `journal-statistics-${theme}`);
    await expectAccessible(page, 'statistics');

    await sidebar(page).getByRole('button', { name: 'On this day' }).click();
    await page.getByRole('main', { name: 'Journal' }).getByText('A year ago today').first().waitFor(PATIENCE);
    await look(page, `journal-on-this-day-${theme}`);
    await expectAccessible(page, 'on this day');

    await sidebar(page).getByRole('button', { name: 'Recently deleted' }).click();
    await page.getByRole('article').filter({ hasText: 'did not mean to write' }).waitFor(PATIENCE);
    await look(page, `journal-deleted-${theme}`);
    await expectAccessible(page, 'recently deleted');

    await sidebar(page).getByRole('button', { name: 'Reading list, 0 messages' }).click();
    await page.getByRole('heading', { name: 'Reading list' }).waitFor(PATIENCE);
    await look(page, `journal-empty-channel-${theme}`);
    await expectAccessible(page, 'empty channel');

    await sidebar(page).getByText('Archived (1)').click();
    await sidebar(page)
      .getByRole('button', { name: /^Old work notes, 0 messages, archived$/ })
      .waitFor(PATIENCE);
    await look(page, `journal-archived-${theme}`);
    expect(errors).toEqual([]);
  });

  it('looks finished while writing: a reply with a picture, an edit, the message menu, the undo notice, a new channel and the import dialog', async () => {
    const { page, errors } = await openJournalPage(scope, await richJournal(), { colorScheme: theme });
    await bubble(page, 'The view from the pier').waitFor(PATIENCE);

    await messageAction(page, 'Coffee by the harbour', 'Reply');
    const form = page.getByRole('form', { name: 'Write a message' });
    await form.getByText('Replying').waitFor(PATIENCE);
    await page.locator('.composer input[type=file]').setInputFiles(path.join(ROOT, 'build', 'icon.png'));
    await page.getByRole('list', { name: 'Attached files' }).getByText('icon.png').waitFor(PATIENCE);
    await composer(page).fill('Same place tomorrow?\nThe light was better before nine.');
    await look(page, `journal-composer-reply-${theme}`);
    await expectAccessible(page, 'composer with a reply and a file');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.getByRole('button', { name: 'Remove icon.png' }).click();
    await composer(page).fill('');

    await composer(page).press('ArrowUp');
    await expect.poll(() => composer(page).inputValue(), PATIENCE).toContain('Supercalifragilistic');
    await look(page, `journal-composer-edit-${theme}`);
    await composer(page).press('Escape');

    await messageAction(page, 'Coffee by the harbour', 'More actions');
    await page.getByRole('menu').waitFor(PATIENCE);
    await look(page, `journal-message-menu-${theme}`);
    await expectAccessible(page, 'message menu');
    await page.keyboard.press('Escape');

    await messageAction(page, 'Coffee by the harbour', 'React');
    await page.getByRole('dialog', { name: 'Pick a reaction' }).waitFor(PATIENCE);
    await look(page, `journal-reactions-${theme}`);
    await expectAccessible(page, 'reaction picker');
    await page.keyboard.press('Escape');

    await messageMenu(page, 'Coffee by the harbour', 'Delete');
    const undo = page.getByRole('status').filter({ hasText: 'Message deleted.' });
    await undo.waitFor(PATIENCE);
    await look(page, `journal-undo-${theme}`);
    await undo.getByRole('button', { name: 'Undo' }).click();
    await messageRow(page, 'Coffee by the harbour').waitFor(PATIENCE);

    await sidebar(page).getByRole('button', { name: 'New channel' }).click();
    await sidebar(page).getByRole('textbox', { name: 'New channel' }).fill('Ideas for the garden');
    await look(page, `journal-new-channel-${theme}`);
    await page.keyboard.press('Escape');

    await sidebar(page).getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: /Import/ });
    await dialog.waitFor(PATIENCE);
    await look(page, `journal-import-${theme}`);
    await expectAccessible(page, 'import dialog');
    expect(errors).toEqual([]);
  });

  it('looks finished on a narrow window and on a folder with no journal yet', async () => {
    const narrow = await openJournalPage(scope, await richJournal(), {
      colorScheme: theme,
      viewport: { width: 760, height: 700 },
    });
    await bubble(narrow.page, 'The view from the pier').waitFor(PATIENCE);
    await look(narrow.page, `journal-narrow-${theme}`);
    // The keyboard's focus ring goes round the whole channel row, preview line included.
    await sidebar(narrow.page).getByRole('button', { name: 'Travel, 2 messages' }).focus();
    await sidebar(narrow.page).screenshot({
      path: await screenshot(narrow.page, `journal-channel-focus-${theme}`),
    });
    // A click on the preview line opens the channel, as a click on its name does (the pointer lands on
    // whatever is on top there, as a person's would).
    const preview = await sidebar(narrow.page).getByText('A year ago today').boundingBox();
    expect(preview).not.toBeNull();
    await narrow.page.mouse.click(preview!.x + 10, preview!.y + preview!.height / 2);
    await expect
      .poll(
        () =>
          sidebar(narrow.page)
            .getByRole('button', { name: 'Travel, 2 messages' })
            .getAttribute('aria-current'),
        PATIENCE,
      )
      .toBe('page');

    const empty = await openJournalPage(
      scope,
      await makeFixtureFolder([{ stream: 'order-1', type: 'OrderPlaced', data: { total: 3 } }]),
      { colorScheme: theme, hash: '#/journal' },
    );
    await empty.page.getByRole('main', { name: 'Journal' }).waitFor(PATIENCE);
    await empty.page.getByRole('main', { name: 'Journal' }).getByRole('heading').first().waitFor(PATIENCE);
    await look(empty.page, `journal-first-channel-${theme}`);
    await expectAccessible(empty.page, 'first channel');
    expect([...narrow.errors, ...empty.errors]).toEqual([]);
  });
});
