import { readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  appendFromCli,
  useBrowser,
  makeFixtureFolder,
  openPage,
  removeFolder,
  screenshot,
  startBrowserMode,
  tearTail,
  type FixtureEvent,
} from './harness.js';

const SKUS = ['KB-101', 'MS-220', 'MN-330', 'HD-440'];

/** A small shop: 12 customers, 30 orders (some paid, some shipped), stock for 4 products, one settings event. */
function shop(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  for (let i = 1; i <= 12; i++) {
    events.push({
      stream: `customer-${i}`,
      type: 'CustomerRegistered',
      data: { name: `Customer ${i}`, email: `c${i}@example.com` },
      meta: { 'correlation-id': `c-${i}` },
    });
  }
  for (let i = 1; i <= 30; i++) {
    const items = Array.from({ length: 1 + (i % 3) }, (_, k) => ({ sku: SKUS[(i + k) % 4]!, qty: 1 + k }));
    events.push({
      stream: `order-${i}`,
      type: 'OrderPlaced',
      data: { customer: `customer-${1 + (i % 12)}`, items, shipping: { city: 'Lyon', zip: '69001' } },
      meta: { 'correlation-id': `o-${i}`, user: 'ada' },
    });
    if (i % 2 === 0) events.push({ stream: `order-${i}`, type: 'OrderPaid', data: { amount: 42.5 } });
    if (i % 3 === 0) events.push({ stream: `order-${i}`, type: 'OrderShipped', data: { carrier: 'DHL' } });
  }
  for (const sku of SKUS)
    events.push({ stream: `inventory-${sku}`, type: 'StockAdjusted', data: { sku, delta: 100 } });
  events.push({ stream: 'settings', type: 'SettingsChanged', data: { currency: 'EUR' } });
  return events;
}

const SHOP = shop();
const count = (predicate: (event: FixtureEvent) => boolean) => SHOP.filter(predicate).length;

const scope = useBrowser();

/** Its own folder (written by the store), browser mode over it, and the page open on the overview. */
async function openShop(
  options: { tear?: boolean; damage?: boolean; linkSegment?: boolean } = {},
): Promise<{ page: Page; dir: string; errors: string[] }> {
  const dir = await makeFixtureFolder(SHOP);
  scope.defer(() => removeFolder(dir));
  if (options.tear) await tearTail(dir);
  if (options.damage) await flipByteOfLine(dir, 3);
  if (options.linkSegment) await linkSegmentOut(dir);
  const server = await startBrowserMode(dir);
  scope.defer(() => server.close());
  const { page, context, errors } = await openPage(scope.browser, server.url);
  scope.defer(() => context.close());
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  return { page, dir, errors };
}

/** What a bad disk does: one character of line `line` changes, so its checksum no longer matches. */
async function flipByteOfLine(dir: string, line: number): Promise<void> {
  const file = path.join(dir, 'log', '000000000001.jsonl');
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines[line - 1] = lines[line - 1]!.replace('"Customer ', '"Kustomer ');
  await writeFile(file, lines.join('\n'));
}

/** What a folder from someone else may hold: its segment is a link to a file elsewhere. */
async function linkSegmentOut(dir: string): Promise<void> {
  const segment = path.join(dir, 'log', '000000000001.jsonl');
  const away = `${dir}-segment-elsewhere.jsonl`;
  await rename(segment, away);
  await symlink(away, segment);
  scope.defer(() => rm(away, { force: true }));
}

/**
 * Screenshots in the light theme, then the dark one, then back. The root's data-theme is what the theme switch
 * sets; setting it directly works while a modal dialog covers the switch.
 */
async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-light`);
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await screenshot(page, `${name}-dark`);
  await page.evaluate(() => delete document.documentElement.dataset.theme);
}

const categoryRow = (page: Page, category: string) =>
  page.locator('.category-open', { has: page.locator('.name', { hasText: new RegExp(`^${category}$`) }) });

describe('the folder browser', () => {
  it('shows a folder as categories of streams with counts, totals and event types', async () => {
    const { page, errors } = await openShop();

    const totals = page.locator('dl.totals');
    await expect.poll(() => totals.locator('dd').first().innerText()).toBe(String(SHOP.length));
    expect(await totals.innerText()).toMatch(/Streams\s+47/i);
    expect(await totals.innerText()).toMatch(/Categories\s+4/i);

    const order = categoryRow(page, 'order');
    await order.waitFor();
    expect(await order.innerText()).toContain('30 streams');
    expect(await order.innerText()).toContain(`${count((e) => e.stream.startsWith('order-'))} events`);
    expect(await categoryRow(page, 'customer').innerText()).toContain('12 streams');

    const types = page.locator('section.types li');
    expect(await types.first().innerText()).toMatch(/OrderPlaced\s+30/);
    expect(await types.count()).toBe(6);

    // The header names the folder and its counts.
    expect(await page.locator('header.app-bar').innerText()).toContain(`${SHOP.length} events`);

    await page.getByRole('button', { name: 'Show the streams of order' }).click();
    const streamRows = page.locator('.streams-of .stream-row');
    await expect.poll(() => streamRows.count()).toBe(30);
    expect(await streamRows.first().locator('.when').getAttribute('title')).toMatch(
      /^\d{4}-\d\d-\d\d .* UTC$/,
    );
    await screenshotBothThemes(page, 'folder-overview');

    // Arrow keys walk the list, Enter opens a stream's log.
    await order.focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.querySelector('.name')?.textContent);
    expect(focused).toMatch(/^order-\d+$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('nav.navigation [aria-current="page"]').innerText()).toBe(focused);

    // The navigation too: from Overview, Down reaches All events, Enter opens the $all log.
    await page.locator('nav.navigation .nav-item', { hasText: 'Overview' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('nav.navigation [aria-current="page"]').innerText())
      .toMatch(/^All events/);
    expect(errors).toEqual([]);
  });

  it('follows appends made by another process', async () => {
    const { page, dir, errors } = await openShop();
    await page.getByRole('button', { name: 'Show the streams of order' }).click();
    await expect.poll(() => page.locator('.streams-of .stream-row').count()).toBe(30);
    await appendFromCli(dir, 'order-31', 'OrderPlaced', { items: [] });
    await expect.poll(() => page.locator('dl.totals dd').first().innerText()).toBe(String(SHOP.length + 1));
    await expect.poll(() => categoryRow(page, 'order').innerText()).toContain('31 streams');
    // The open category shows its new stream first: it is the most recently active.
    await expect
      .poll(() => page.locator('.streams-of .stream-row .name').first().innerText())
      .toBe('order-31');
    expect(errors).toEqual([]);
  });

  it('filters streams by name with * and ? wildcards, from the keyboard', async () => {
    const { page, errors } = await openShop();
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Filter streams by name',
    );
    await page.keyboard.type('order-1?');
    const rows = page.locator('.stream-row .name');
    await expect
      .poll(() => rows.allInnerTexts().then((names) => names.sort()))
      .toEqual([
        'order-10',
        'order-11',
        'order-12',
        'order-13',
        'order-14',
        'order-15',
        'order-16',
        'order-17',
        'order-18',
        'order-19',
      ]);
    expect(await page.locator('.streams-head').innerText()).toContain('10 of 47');
    await screenshotBothThemes(page, 'folder-filter');

    await page.getByRole('searchbox', { name: 'Filter streams by name' }).fill('*-1');
    await expect
      .poll(() => rows.allInnerTexts().then((names) => names.sort()))
      .toEqual(['customer-1', 'order-1']);

    await page.getByRole('searchbox', { name: 'Filter streams by name' }).fill('nothing-like-this');
    await page.getByText('No stream matches.').waitFor();

    // Escape clears the filter and the categories come back.
    await page.getByRole('searchbox', { name: 'Filter streams by name' }).press('Escape');
    await categoryRow(page, 'order').waitFor();
    expect(errors).toEqual([]);
  });

  it('opens an event: its facts, data and metadata as a tree, the raw line, copy a path, neighbours', async () => {
    const { page, dir, errors } = await openShop();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Show the streams of order' }).click();
    await page.locator('.stream-row', { hasText: 'order-6' }).first().click();
    const row = page.locator('.row[data-position]').first();
    await row.click();

    const panel = page.locator('aside.event-panel');
    await panel.getByRole('heading', { name: 'OrderPlaced' }).waitFor();
    const facts = await panel.locator('dl.facts').innerText();
    expect(facts).toMatch(/Stream\s+order-6/);
    expect(facts).toMatch(/Revision\s+0/);
    const placed = SHOP.find((event) => event.stream === 'order-6')!;
    const position = SHOP.indexOf(placed) + 1;
    expect(facts).toMatch(new RegExp(`Position\\s+${position}\\b`));

    const sku = panel.locator('[role="treeitem"][data-path="data.items[0].sku"]');
    expect(await sku.innerText()).toContain(
      JSON.stringify((placed.data as { items: { sku: string }[] }).items[0]!.sku),
    );
    expect(await panel.locator('[data-path="meta[\\"correlation-id\\"]"]').innerText()).toContain('"o-6"');
    await screenshotBothThemes(page, 'event-tree');

    // Collapse with the keyboard: Left on "items" hides its children.
    const items = panel.locator('[data-path="data.items"]');
    await items.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await items.getAttribute('aria-expanded')).toBe('false');
    expect(await sku.count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await sku.waitFor();

    // P copies the path, as code would write it.
    await sku.focus();
    await page.keyboard.press('p');
    await panel.getByText('Copied path data.items[0].sku').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('data.items[0].sku');

    await panel.getByRole('tab', { name: 'Raw line' }).click();
    // Pretty-printed first, the line exactly as stored one click away.
    const pretty = await panel.getByLabel('Pretty-printed line').innerText();
    expect(pretty.split('\n').length).toBeGreaterThan(8);
    await panel.getByRole('radio', { name: 'Stored line' }).click();
    const raw = await panel.getByLabel('Stored line').innerText();
    expect(JSON.parse(pretty)).toEqual(JSON.parse(raw));
    const segment = /Segment\s+(\S+)/.exec(await panel.locator('dl.facts').innerText())![1]!;
    const stored = await readFile(path.join(dir, 'log', segment), 'utf8');
    expect(stored.split('\n')).toContain(raw);
    expect(JSON.parse(raw)).toMatchObject({ position, stream: 'order-6', data: placed.data });
    await screenshotBothThemes(page, 'event-raw');

    // Neighbours: next in the stream is revision 1 (OrderPaid), next in $all is the position after.
    await panel.getByRole('button', { name: /r1/ }).click();
    await panel.getByRole('heading', { name: 'OrderPaid' }).waitFor();
    await panel.getByRole('button', { name: new RegExp(`#${position}\\b`) }).click();
    await panel.getByRole('heading', { name: 'OrderPlaced' }).waitFor();

    // The stream link opens the stream's log; Escape closes the panel.
    await panel.locator('.stream-link').click();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('appends an event by hand, validating the JSON, and shows a conflict with expected and actual revision', async () => {
    const { page, errors } = await openShop();
    await page.getByRole('button', { name: 'Append event' }).click();
    const dialog = page.getByRole('dialog', { name: 'Append an event' });
    await dialog.waitFor();
    // Escape closes it without appending.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Append event' }).click();
    await dialog.waitFor();

    // Choosing a stream prefills its last revision: order-6 has OrderPlaced, OrderPaid, OrderShipped.
    await dialog.getByLabel('Stream', { exact: true }).fill('order-6');
    await expect.poll(() => dialog.getByLabel('Expected revision number').inputValue()).toBe('2');
    expect(await dialog.getByText('order-6 is at revision 2.').isVisible()).toBe(true);

    await dialog.getByLabel('Type', { exact: true }).fill('OrderNoteAdded');
    await dialog
      .getByLabel('Data', { exact: true })
      .fill('{\n  "note": "leave at the door"\n  "by": "ada"\n}');
    await dialog.getByText("Line 3, column 3: Expected ',' or '}' after a property value").waitFor();
    await screenshotBothThemes(page, 'append-invalid-json');
    await dialog.getByLabel('Data', { exact: true }).fill('{"note": "leave at the door", "by": "ada"}');
    await dialog.getByRole('button', { name: 'Format' }).first().click();
    expect(await dialog.getByLabel('Data', { exact: true }).inputValue()).toBe(
      '{\n  "note": "leave at the door",\n  "by": "ada"\n}',
    );

    // Someone else's view of the stream: revision 0. The store refuses and the dialog says why.
    await dialog.getByLabel('Expected revision number').fill('0');
    await dialog.getByRole('button', { name: 'Append', exact: true }).click();
    const conflict = dialog.getByRole('alert');
    await conflict.getByText('nothing was appended').waitFor();
    expect(await conflict.getByTestId('conflict-expected').innerText()).toBe('0');
    expect(await conflict.getByTestId('conflict-actual').innerText()).toBe('2');
    await screenshotBothThemes(page, 'append-conflict');

    await conflict.getByRole('button', { name: 'Retry with 2' }).click();
    await dialog.waitFor({ state: 'detached' });
    const position = SHOP.length + 1;
    await page.getByText(`Appended to order-6 at position ${position} (revision 3).`).waitFor();
    const panel = page.locator('aside.event-panel');
    await panel.getByRole('heading', { name: 'OrderNoteAdded' }).waitFor();
    expect(await panel.locator('[data-path="data.note"]').innerText()).toContain('"leave at the door"');
    await expect.poll(() => page.locator('dl.totals dd').first().innerText()).toBe(String(position));
    expect(errors).toEqual([]);
  });

  it('shows a torn tail, refuses appends until it is repaired, and repairs it', async () => {
    const { page, errors } = await openShop({ tear: true });
    const banner = page.getByRole('alert').filter({ hasText: 'The last append was interrupted' });
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/log\/\d{12}\.jsonl/);
    expect(await page.getByRole('button', { name: 'Append event' }).isDisabled()).toBe(true);
    // Every complete event is still there.
    expect(await page.locator('dl.totals dd').first().innerText()).toBe(String(SHOP.length));
    await screenshotBothThemes(page, 'banner-torn-tail');

    await banner.getByRole('button', { name: 'Repair' }).click();
    const repaired = page.getByRole('status').filter({ hasText: 'Repaired' });
    await repaired.waitFor();
    expect(await repaired.innerText()).toMatch(/kept in .*repairs\//);
    await banner.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Append event' }).isDisabled()).toBe(false);
    await screenshotBothThemes(page, 'banner-repaired');
    expect(errors).toEqual([]);
  });

  it('shows a damaged folder read-only, naming the segment, line and reason of each problem', async () => {
    const { page, errors } = await openShop({ damage: true });
    const banner = page.getByRole('alert').filter({ hasText: 'This folder is damaged and open read-only' });
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/log\/000000000001\.jsonl, line 3\b/);
    expect(await page.getByRole('button', { name: 'Append event' }).isDisabled()).toBe(true);
    // The disabled button says why.
    const append = page.locator('header.app-bar span', {
      has: page.getByRole('button', { name: 'Append event' }),
    });
    expect(await append.getAttribute('title')).toBe('The folder is damaged and open read-only');
    await screenshotBothThemes(page, 'banner-corrupt');
    expect(errors).toEqual([]);
  });

  it('shows a folder whose segment is a link read-only, naming the file and why, every event still there', async () => {
    const { page, errors } = await openShop({ linkSegment: true });
    const banner = page.getByRole('alert').filter({ hasText: 'This folder is damaged and open read-only' });
    await banner.waitFor();
    const problem = await banner.locator('li').first().innerText();
    // A problem with the file itself has no line number.
    expect(problem).toMatch(/^log\/000000000001\.jsonl\s+a symbolic link \(to .+\): its events are read/);
    expect(problem).not.toContain('line');
    expect(await page.locator('dl.totals dd').first().innerText()).toBe(String(SHOP.length));
    expect(await page.getByRole('button', { name: 'Append event' }).isDisabled()).toBe(true);
    await screenshotBothThemes(page, 'banner-linked-segment');
    expect(errors).toEqual([]);
  });

  it('says so when the folder is removed while open', async () => {
    const { page, dir } = await openShop();
    await categoryRow(page, 'order').waitFor();
    await rm(dir, { recursive: true, force: true });
    const banner = page.getByRole('alert').filter({ hasText: 'This folder is gone' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Append event' }).isDisabled()).toBe(true);
    await screenshotBothThemes(page, 'banner-missing');
    await banner.getByRole('button', { name: 'Open another folder…' }).click();
    await page.getByRole('heading', { name: 'Open another folder' }).waitFor();
  });
});
