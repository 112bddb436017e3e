import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from './harness.js';
import { daysAgo, makeJournalFolder } from './journal-fixture.js';
import {
  bubble,
  composer,
  messageAction,
  messageLog,
  messageMenu,
  messageRow,
  openJournalPage,
  PATIENCE,
  send,
  sidebar,
} from './journal-page.js';

const scope = useBrowser();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A journal with one channel and two messages from yesterday. */
const smallJournal = () =>
  makeJournalFolder(async (journal) => {
    await journal.channel('journal', 'Journal', daysAgo(3));
    await journal.channel('travel', 'Travel', daysAgo(3));
    await journal.post('journal', 'm1', 'The ferry was late again.', daysAgo(1, 8, 1));
    await journal.post('journal', 'm2', 'Bought bread on the way home.', daysAgo(1, 17, 30));
  });

describe('the chat view', () => {
  it('is where a journal folder opens, with its channels and messages, the stream browser one click away', async () => {
    const { page, errors } = await openJournalPage(scope, await smallJournal());
    await bubble(page, 'The ferry was late again.').waitFor();
    expect(page.url()).toContain('#/journal');
    const channels = sidebar(page);
    await expect
      .poll(
        () => channels.getByRole('button', { name: 'Journal, 2 messages' }).getAttribute('aria-current'),
        PATIENCE,
      )
      .toBe('page');
    expect(await channels.getByRole('button', { name: 'Travel, 0 messages' }).count()).toBe(1);
    await expect
      .poll(() => messageLog(page).getByRole('separator').allInnerTexts(), PATIENCE)
      .toEqual(['Yesterday']);

    await channels.getByRole('button', { name: 'Stream browser' }).click();
    await page.getByRole('navigation', { name: 'Folder' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Folder' })
      .getByRole('link', { name: 'Journal', exact: true })
      .click();
    await bubble(page, 'Bought bread on the way home.').waitFor();
    expect(errors).toEqual([]);
  });

  it('posts with Enter, edits the last message with Up, shows its history as word diffs, deletes with Undo and restores from Recently deleted', async () => {
    const { page, errors } = await openJournalPage(scope, await smallJournal());
    await bubble(page, 'Bought bread').waitFor();
    await send(page, 'Coffee by the harbour with #Ana');
    await expect.poll(() => composer(page).inputValue(), PATIENCE).toBe('');

    // Shift+Enter is a new line, not a send.
    await composer(page).press('Shift+Enter');
    expect(await bubble(page, /^$/).count()).toBe(0);
    await composer(page).fill('');
    await composer(page).press('ArrowUp');
    await expect.poll(() => composer(page).inputValue(), PATIENCE).toBe('Coffee by the harbour with #Ana');
    await composer(page).fill('Coffee by the harbour with #Ana and Ola');
    await composer(page).press('Enter');
    const edited = bubble(page, 'Coffee by the harbour with #Ana and Ola');
    await edited.getByRole('button', { name: 'edited' }).click();
    const history = page.getByRole('complementary', { name: 'Edit history' });
    await history.getByText('Version 2').waitFor();
    expect((await history.locator('ins').allInnerTexts()).join('')).toContain('and Ola');
    await screenshot(page, 'journal-history-light');

    await messageMenu(page, 'and Ola', 'Delete');
    await expect.poll(() => bubble(page, 'and Ola').count(), PATIENCE).toBe(0);
    await page
      .getByRole('status')
      .filter({ hasText: 'Message deleted.' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await bubble(page, 'and Ola').waitFor();

    await messageMenu(page, 'and Ola', 'Delete');
    await expect.poll(() => bubble(page, 'and Ola').count(), PATIENCE).toBe(0);
    await sidebar(page).getByRole('button', { name: 'Recently deleted' }).click();
    const deleted = page.getByRole('article').filter({ hasText: 'and Ola' });
    await deleted.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => deleted.count(), PATIENCE).toBe(0);
    await sidebar(page)
      .getByRole('button', { name: /^Journal, \d+ messages?$/ })
      .click();
    await bubble(page, 'and Ola').waitFor();
    expect(errors).toEqual([]);
  });

  it('replies with a quote that jumps to the original, reacts and pins', async () => {
    const { page, errors } = await openJournalPage(scope, await smallJournal());
    await messageAction(page, 'The ferry was late again.', 'Reply');
    await page.getByRole('form', { name: 'Write a message' }).getByText('Replying').waitFor();
    await composer(page).fill('It was 40 minutes late.');
    await composer(page).press('Enter');
    const reply = bubble(page, 'It was 40 minutes late.');
    await reply.getByRole('button', { name: 'Show the original message' }).click();
    await expect
      .poll(() => messageRow(page, 'The ferry was late again.').getAttribute('class'), PATIENCE)
      .toContain('marked');

    await messageAction(page, 'The ferry was late again.', 'React');
    await page
      .getByRole('dialog', { name: 'Pick a reaction' })
      .getByRole('button', { name: 'React with 👍' })
      .click();
    const reactions = messageRow(page, 'The ferry was late again.').getByRole('button', {
      name: /Reaction 👍/,
    });
    await reactions.waitFor();
    await messageMenu(page, 'The ferry was late again.', 'Pin');
    await page.getByRole('button', { name: '1 pinned' }).click();
    await page
      .getByRole('complementary', { name: 'Pinned' })
      .getByText('The ferry was late again.')
      .waitFor();

    // Taking the reaction back is one click on it.
    await reactions.click();
    await expect.poll(() => reactions.count(), PATIENCE).toBe(0);
    expect(errors).toEqual([]);
  });

  it('renders Markdown without running or loading anything from the text, and opens links outside the app', async () => {
    const dir = await makeJournalFolder(async (journal) => {
      await journal.channel('journal', 'Journal', daysAgo(2));
      await journal.post(
        'journal',
        'x1',
        [
          '**Bold** and a [link](https://example.org/page) and a #trip tag.',
          '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">',
          '[click](javascript:window.__xss=3) ![tracker](https://tracker.example/p.gif)',
          '<a href="javascript:window.__xss=4">raw</a> `<b>code</b>`',
        ].join('\n'),
        daysAgo(1),
      );
    });
    const { page, errors } = await openJournalPage(scope, dir);
    const message = bubble(page, 'Bold');
    await message.waitFor();
    expect(await message.locator('strong').innerText()).toBe('Bold');
    expect(await message.locator('img, script, iframe, [onerror]').count()).toBe(0);
    const link = message.getByRole('link', { name: 'link' });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await message.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await message.innerText()).toContain('<script>');
    await message
      .getByRole('link', { name: 'click' })
      .count()
      .then((count) => expect(count).toBe(0));
    await message.getByRole('link', { name: '[tracker]' }).waitFor();
    for (const candidate of await message.locator('a').all()) {
      await candidate.click({ modifiers: [] }).catch(() => undefined);
      await page.keyboard.press('Escape');
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(errors.filter((error) => !/tracker\.example|example\.org/.test(error))).toEqual([]);
  });

  it('opens the search for a #tag clicked in a message', async () => {
    const dir = await makeJournalFolder(async (journal) => {
      await journal.channel('journal', 'Journal', daysAgo(2));
      await journal.post('journal', 't1', 'Sunset over the fjord #trip', daysAgo(1));
      await journal.post('journal', 't2', 'Packing for the #trip', daysAgo(1, 10));
      await journal.post('journal', 't3', 'Dentist at four', daysAgo(1, 11));
    });
    const { page, errors } = await openJournalPage(scope, dir);
    await bubble(page, 'Sunset').getByRole('link', { name: '#trip' }).click();
    const search = page.getByRole('complementary', { name: 'Search' });
    await search.getByRole('button', { name: 'Remove the filter #trip' }).waitFor();
    await expect
      .poll(() => search.getByRole('button').filter({ hasText: 'Journal' }).count(), PATIENCE)
      .toBe(2);
    expect(page.url()).toContain('tag=trip');
    expect(errors).toEqual([]);
  });

  it('attaches a picture, shows its thumbnail and opens it in a lightbox', async () => {
    const { page, errors } = await openJournalPage(scope, await smallJournal());
    await bubble(page, 'Bought bread').waitFor();
    await page.locator('.composer input[type=file]').setInputFiles(path.join(ROOT, 'build', 'icon.png'));
    const files = page.getByRole('list', { name: 'Attached files' });
    await files.getByText('icon.png').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled(), PATIENCE).toBe(true);
    await composer(page).fill('The new icon');
    await composer(page).press('Enter');
    const message = bubble(page, 'The new icon');
    const picture = message.getByRole('button', { name: 'Open icon.png' });
    await picture.locator('img').waitFor();
    expect(await picture.locator('img').getAttribute('src')).toMatch(/^data:image\//);
    await picture.click();
    const lightbox = page.getByRole('dialog', { name: 'icon.png' });
    await lightbox.locator('img').waitFor();
    await screenshot(page, 'journal-lightbox-light');
    await page.keyboard.press('Escape');
    await expect.poll(() => lightbox.count(), PATIENCE).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows in every page on the folder what another page posts', async () => {
    const first = await openJournalPage(scope, await smallJournal());
    const second = await openJournalPage(scope, first.dir, { server: first.server });
    await bubble(second.page, 'Bought bread').waitFor();
    await send(first.page, 'Posted in the first window');
    await bubble(second.page, 'Posted in the first window').waitFor();
    await send(second.page, 'Answered from the second');
    await bubble(first.page, 'Answered from the second').waitFor();
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  it('shows what the CLI posts to the folder', async () => {
    const { page, dir, errors } = await openJournalPage(scope, await smallJournal());
    await bubble(page, 'Bought bread').waitFor();
    await promisify(execFile)(process.execPath, [
      path.join(ROOT, 'bin', 'eventfold.js'),
      'journal',
      dir,
      'post',
      '--channel',
      'Journal',
      'Written in the terminal',
    ]);
    await bubble(page, 'Written in the terminal').waitFor();
    expect(errors).toEqual([]);
  });
});
