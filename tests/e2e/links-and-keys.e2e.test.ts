/**
 * Issue 13, items 1 and 2 in a real browser: every place is in the address (round trips, Back and Forward,
 * reload, a pasted link) and every README key works in browser mode.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './harness.js';
import { daysAgo, makeJournalFolder } from './journal-fixture.js';
import { bubble, messageLog, openJournalPage, PATIENCE } from './journal-page.js';
import { eventLog, hashOf, renderedPositions, serveOrders } from './order-folder.js';

const scope = useBrowser();

/** The address after `#` as its path and its query, so the order of query keys does not matter. */
async function place(page: Page): Promise<{ path: string; query: Record<string, string> }> {
  const hash = await hashOf(page);
  const [path = '', query = ''] = hash.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(query)) };
}

/** The state tree's value at a path (`state.events` → `30`). */
const treeValue = (page: Page, path: string): Promise<string> =>
  page.locator(`[data-path='${path}'] .leaf`).first().innerText();

describe('links: everything in the address', () => {
  it('puts view, filter and event in the address; Back, Forward and reload come back to them', async () => {
    const { page, errors } = await serveOrders(scope, 100);
    await page.getByRole('link', { name: /^All events/ }).click();
    await expect.poll(() => place(page)).toEqual({ path: '/events', query: {} });
    const log = eventLog(page);
    await log.getByPlaceholder('Search data and metadata').fill('gift');
    await log.getByRole('status').getByText('4 matches').waitFor();
    await expect.poll(() => place(page)).toEqual({ path: '/events', query: { text: 'gift' } });

    const grid = log.getByRole('grid', { name: 'Events' });
    await grid.locator('[data-position="26"]').click();
    await page.getByRole('complementary', { name: 'Event 26' }).waitFor();
    await expect.poll(() => place(page)).toEqual({ path: '/events', query: { text: 'gift', event: '26' } });

    await grid.locator('[data-position="26"]').getByRole('button', { name: 'Open stream order-5' }).click();
    await page.getByRole('heading', { name: 'order-5', level: 1 }).waitFor();
    await expect.poll(async () => (await place(page)).path).toBe('/stream/order-5');

    await page.goBack();
    await expect.poll(() => place(page)).toEqual({ path: '/events', query: { text: 'gift', event: '26' } });
    await page.getByRole('heading', { name: 'All events', level: 1 }).waitFor();
    await expect(eventLog(page).getByPlaceholder('Search data and metadata').inputValue()).resolves.toBe(
      'gift',
    );
    await eventLog(page).getByRole('status').getByText('4 matches').waitFor();
    await page.getByRole('complementary', { name: 'Event 26' }).waitFor();

    await page.goForward();
    await page.getByRole('heading', { name: 'order-5', level: 1 }).waitFor();
    await expect.poll(async () => (await place(page)).path).toBe('/stream/order-5');

    // A reload lands on the same stream, the token still in the page's own address.
    const before = page.url();
    await page.reload();
    await page.getByRole('heading', { name: 'order-5', level: 1 }).waitFor();
    await eventLog(page).getByRole('status').getByText('5 events').waitFor();
    expect(page.url()).toBe(before);
    expect(errors).toEqual([]);
  });

  it('opens a pasted link at the log filtered with its event open, and a projection at a position', async () => {
    const { server, errors } = await serveOrders(scope, 100);
    const { page, context } = await openPage(
      scope.browser,
      `${server.url}#/events?type=OrderPlaced&event=41&where=${encodeURIComponent('data.total >= 200')}`,
    );
    scope.defer(() => context.close());
    const log = eventLog(page);
    // OrderPlaced is every 4th event; of those, totals >= 200 (i * 37 % 250 for i = 0, 4, 8, ...).
    const expected = Array.from({ length: 100 }, (_, i) => i)
      .filter((i) => i % 4 === 0 && (i * 37) % 250 >= 200)
      .map((i) => i + 1);
    await log.getByRole('status').getByText(`${expected.length} matches`).waitFor();
    await page.getByRole('complementary', { name: 'Event 41' }).waitFor();
    await expect.poll(() => renderedPositions(log.getByRole('grid', { name: 'Events' }))).toEqual(expected);
    await expect(log.getByRole('row', { selected: true }).getAttribute('data-position')).resolves.toBe('41');

    const { page: second, context: other } = await openPage(
      scope.browser,
      `${server.url}#/projection/stream-statistics?at=30`,
    );
    scope.defer(() => other.close());
    await second.getByRole('region', { name: 'Projection stream-statistics' }).waitFor();
    await expect.poll(() => treeValue(second, 'state.events')).toBe('30');
    await expect(second.getByLabel('Go to position').inputValue()).resolves.toBe('30');
    expect(errors).toEqual([]);
  });

  it('shows nothing of a pasted link to a browser without the token', async () => {
    const { server } = await serveOrders(scope, 10);
    const bare = `http://127.0.0.1:${server.port}/#/stream/order-3?event=4`;
    const { page, context } = await openPage(scope.browser, bare);
    scope.defer(() => context.close());
    await expect(page.getByRole('heading', { name: 'order-3' }).count()).resolves.toBe(0);
    await expect(page.locator('body').innerText()).resolves.not.toContain('order-3');
  });
});

describe('keys in browser mode', () => {
  it('opens the key sheet with ?, the palette with Ctrl+K, and goes places with g then a letter', async () => {
    const { page, errors } = await serveOrders(scope, 60);
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    await expect(sheet.getByText('Go to all events').isVisible()).resolves.toBe(true);
    // Back and Forward are the browser's own here: the sheet does not offer the desktop app's.
    await expect(sheet.getByText('Back', { exact: true }).count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });

    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await expect.poll(async () => (await place(page)).path).toBe('/events');
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await expect.poll(async () => (await place(page)).path).toBe('/');

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const input = palette.getByRole('combobox');
    await input.fill('order-7');
    await palette
      .getByRole('option', { name: /order-7/ })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await place(page)).path).toBe('/stream/order-7');
    await page.getByRole('heading', { name: 'order-7', level: 1 }).waitFor();

    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').inputValue())
      .toBe('stream ');
    await page.keyboard.press('Escape');
    await page.keyboard.press('g');
    await page.keyboard.press('p');
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').inputValue())
      .toBe('projection ');
    await page
      .getByRole('dialog', { name: 'Command palette' })
      .getByRole('option', { name: /stream-statistics/ })
      .click();
    await page.getByRole('region', { name: 'Projection stream-statistics' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('moves through events with j and k, closes the panel with Esc, and pauses, appends, exports and filters by key', async () => {
    const { page, errors } = await serveOrders(scope, 60);
    await page.getByRole('link', { name: /^All events/ }).click();
    const log = eventLog(page);
    const grid = log.getByRole('grid', { name: 'Events' });
    await grid.locator('[data-position="40"]').click();
    await page.getByRole('complementary', { name: 'Event 40' }).waitFor();
    await page.keyboard.press('j');
    await page.getByRole('complementary', { name: 'Event 41' }).waitFor();
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.getByRole('complementary', { name: 'Event 39' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('complementary', { name: /^Event \d+/ }).count()).toBe(0);
    await expect.poll(async () => (await place(page)).query.event).toBeUndefined();

    await page.keyboard.press('l');
    await log.getByRole('button', { name: 'Resume' }).waitFor();
    await page.keyboard.press('l');
    await log.getByRole('button', { name: 'Pause' }).waitFor();

    await page.keyboard.press('n');
    const append = page.getByRole('dialog', { name: 'Append an event' });
    await append.waitFor();
    await page.keyboard.press('Escape');
    await append.waitFor({ state: 'hidden' });

    await page.keyboard.press('e');
    const exporting = page.getByRole('dialog', { name: 'Export' });
    await exporting.getByText('All events: every event').waitFor();
    await page.keyboard.press('Escape');
    await exporting.waitFor({ state: 'hidden' });

    await page.keyboard.press('/');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder')))
      .toBe('Search data and metadata');
    // A key typed into the filter is text, not a shortcut.
    await page.keyboard.type('gn');
    await expect(log.getByPlaceholder('Search data and metadata').inputValue()).resolves.toBe('gn');
    await expect(page.getByRole('dialog', { name: 'Append an event' }).count()).resolves.toBe(0);

    await log.getByPlaceholder('Search data and metadata').blur();
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    await page.keyboard.press('Shift+D');
    await expect.poll(theme).toBe('dark');
    await page.keyboard.press('Shift+D');
    await expect.poll(theme).toBe('light');
    expect(errors).toEqual([]);
  });

  it('marks A and B in a projection with a and b, and the marks are in the address', async () => {
    const { page, errors } = await serveOrders(scope, 60);
    await page.goto(`${page.url().split('#')[0]}#/projection/stream-statistics?at=20`);
    const view = page.getByRole('region', { name: 'Projection stream-statistics' });
    await expect.poll(() => treeValue(page, 'state.events')).toBe('20');
    await view.getByRole('slider', { name: 'Position' }).focus();
    await page.keyboard.press('a');
    await expect.poll(async () => (await place(page)).query.a).toBe('20');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => treeValue(page, 'state.events')).toBe('22');
    await page.keyboard.press('b');
    await expect.poll(async () => (await place(page)).query.b).toBe('22');
    await expect(view.getByRole('tab', { name: /Compare/, selected: true }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('goes to the journal with g then j, jumps to a date with g then d, and Esc closes the panel beside it', async () => {
    const dir = await makeJournalFolder(async (journal) => {
      await journal.channel('journal', 'Journal', daysAgo(3));
      await journal.post('journal', 'first', 'Walked to the harbour', daysAgo(2, 8));
    });
    const { page, errors } = await openJournalPage(scope, dir);
    await bubble(page, 'Walked to the harbour').waitFor(PATIENCE);
    await messageLog(page).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await expect.poll(async () => (await place(page)).path).toBe('/');
    await page.keyboard.press('g');
    await page.keyboard.press('j');
    await bubble(page, 'Walked to the harbour').waitFor(PATIENCE);
    expect((await place(page)).path).toMatch(/^\/journal/);

    await messageLog(page).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('g');
    await page.keyboard.press('d');
    const calendar = page.getByRole('dialog', { name: 'Jump to a date' });
    await calendar.waitFor();
    await page.keyboard.press('Escape');
    await calendar.waitFor({ state: 'hidden' });

    await page.keyboard.press('/');
    const search = page.getByRole('complementary', { name: 'Search' });
    await search.waitFor();
    await messageLog(page).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await search.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
  });
});
