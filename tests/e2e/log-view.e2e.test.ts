import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  appendFromCli,
  useBrowser,
  makeFixtureFolder,
  openPage,
  removeFolder,
  screenshot,
  startBrowserMode,
  type FixtureEvent,
  type RunningBrowserMode,
} from './harness.js';

const TYPES = ['OrderPlaced', 'ItemAdded', 'PaymentCaptured', 'OrderShipped'] as const;

/** Event i (0-based, position i + 1): 20 streams, the types in turn, a gift note on every 25th. */
function fixtureEvent(i: number): FixtureEvent {
  return {
    stream: `order-${i % 20}`,
    type: TYPES[i % TYPES.length]!,
    data:
      i % 25 === 0
        ? { sku: `K${i}`, qty: 1 + (i % 5), note: 'gift wrap' }
        : { sku: `K${i}`, qty: 1 + (i % 5) },
  };
}
const fixture = (count: number): FixtureEvent[] => Array.from({ length: count }, (_, i) => fixtureEvent(i));

const scope = useBrowser();

interface LogPage {
  readonly page: Page;
  readonly dir: string;
  readonly errors: string[];
  readonly log: Locator;
  readonly grid: Locator;
}

/** A folder of its own, browser mode over it, and the $all log view open in a fresh profile. */
async function openLog(
  events: Iterable<FixtureEvent>,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<LogPage> {
  const dir = await makeFixtureFolder(events);
  scope.defer(() => removeFolder(dir));
  const server: RunningBrowserMode = await startBrowserMode(dir);
  scope.defer(() => server.close());
  const { page, context, errors } = await openPage(scope.browser, server.url, colorScheme);
  scope.defer(() => context.close());
  await page.getByRole('link', { name: /^All events/ }).click();
  const log = page.getByRole('region', { name: 'Event log' });
  await log
    .getByRole('status')
    .getByText(/events?$/)
    .waitFor();
  return { page, dir, errors, log, grid: log.getByRole('grid', { name: 'Events' }) };
}

/** Positions of the rows wholly inside the grid's visible area, top to bottom. */
function visiblePositions(grid: Locator): Promise<number[]> {
  return grid.evaluate((element) => {
    const header = element.querySelector('[role="row"]:not([data-position])')!.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return [...element.querySelectorAll<HTMLElement>('[data-position]')]
      .filter((row) => {
        const rect = row.getBoundingClientRect();
        return rect.top >= header.bottom - 0.5 && rect.bottom <= box.bottom + 0.5;
      })
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((row) => Number(row.dataset.position));
  });
}

async function waitForRows(grid: Locator, check: (positions: number[]) => boolean): Promise<number[]> {
  let positions: number[] = [];
  for (let tries = 0; tries < 200; tries++) {
    positions = await visiblePositions(grid);
    if (positions.length > 0 && check(positions)) return positions;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the rows on screen never passed the check; last seen: ${positions.join(', ')}`);
}

const cellTexts = (grid: Locator, column: number) =>
  grid.evaluate(
    (element, index) =>
      [...element.querySelectorAll('[data-position]')].map(
        (row) => row.querySelectorAll('[role="gridcell"]')[index]?.textContent?.trim() ?? '',
      ),
    column,
  );

describe('the log view', () => {
  it('opens at the newest events and filters by type and by text in the data', async () => {
    const { page, log, grid, errors } = await openLog(fixture(300));
    const newest = await waitForRows(grid, (positions) => positions.at(-1) === 300);
    expect(newest).toEqual(Array.from({ length: newest.length }, (_, i) => 300 - newest.length + 1 + i));
    await expect(log.getByRole('status').innerText()).resolves.toContain('300 events');

    await log.getByText('All types').click();
    await log.getByRole('checkbox', { name: /OrderShipped/ }).check();
    await log.getByRole('status').getByText('75 matches').waitFor();
    const shipped = await waitForRows(grid, (positions) => positions.every((p) => (p - 1) % 4 === 3));
    expect(shipped.at(-1)).toBe(300);
    expect(new Set(await cellTexts(grid, 4))).toEqual(new Set(['OrderShipped']));
    await page.keyboard.press('Escape');
    await expect(log.getByRole('checkbox', { name: /OrderShipped/ }).isVisible()).resolves.toBe(false);
    await log.getByTitle('Show only events of these types').click();
    await log.getByText('Show all types').click();
    await page.keyboard.press('Escape');
    await log.getByRole('status').getByText('300 events').waitFor();

    await log.getByPlaceholder('Search data and metadata').fill('GIFT');
    await log.getByRole('status').getByText('12 matches').waitFor();
    const gifts = await waitForRows(grid, (positions) => positions.length === 12);
    expect(gifts).toEqual(Array.from({ length: 12 }, (_, i) => i * 25 + 1));
    // The data cell puts the matching field first, and its tooltip holds every field the cell may cut off.
    await expect(grid.locator('[data-position="1"] .cell.preview').getAttribute('title')).resolves.toBe(
      'note: gift wrap\nsku: K0\nqty: 1',
    );
    await screenshot(page, 'log-view-text-filter-light');

    await log.getByPlaceholder('Search data and metadata').fill('no such text anywhere');
    await log.getByRole('heading', { name: 'No events match these filters' }).waitFor();
    await log.getByRole('button', { name: 'Clear filters' }).last().click();
    await waitForRows(grid, (positions) => positions.at(-1) === 300);
    await expect(log.getByPlaceholder('Search data and metadata').inputValue()).resolves.toBe('');
    expect(errors).toEqual([]);
  });

  it('shows the first matches while a text filter scans, then the newest once it is complete', async () => {
    const { log, grid } = await openLog(fixture(50_000));
    await waitForRows(grid, (positions) => positions.at(-1) === 50_000);
    await log.getByPlaceholder('Search data and metadata').fill('gift');
    await log.getByRole('status').getByText('2,000 matches', { exact: true }).waitFor();
    const newest = await waitForRows(grid, (positions) => positions.at(-1) === 49_976);
    expect(newest.every((position) => (position - 1) % 25 === 0)).toBe(true);
    await expect(log.getByRole('button', { name: 'Live' }).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
  });

  it('filters by stream pattern and time range', async () => {
    const { log, grid } = await openLog(fixture(200));
    await log.getByLabel('Stream name or pattern').fill('order-1?');
    await log.getByRole('status').getByText('100 matches').waitFor();
    await waitForRows(grid, (positions) => positions.every((p) => (p - 1) % 20 >= 10));
    const streams = await cellTexts(grid, 2);
    expect(streams.every((stream) => /^order-1\d$/.test(stream))).toBe(true);

    await log.getByLabel('Stream name or pattern').fill('');
    await log.getByText('Any time').click();
    // Times are typed in UTC, the way the log shows them, not in the browser's locale.
    await log.getByLabel('From (UTC)').fill('2001-01-01 00:00');
    await log.getByLabel('To (UTC, inclusive)').fill('2001-01-02');
    await log.getByLabel('To (UTC, inclusive)').press('Enter');
    await log.getByRole('heading', { name: 'No events match these filters' }).waitFor();
    await log.getByText('2001-01-01 00:00 – 2001-01-02').click();
    await log.getByLabel('To (UTC, inclusive)').fill('');
    await log.getByLabel('To (UTC, inclusive)').press('Enter');
    await log.getByRole('status').getByText('200 matches').waitFor();
    // A typo is named and nothing is applied; a preset applies at once.
    await log.getByText('2001-01-01 00:00 – …').click();
    await log.getByLabel('From (UTC)').fill('2001-02-30');
    await log.getByLabel('From (UTC)').press('Enter');
    await log.getByRole('alert').getByText('"2001-02-30" is no date and time that exists.').waitFor();
    await log.getByRole('button', { name: 'Last 7 days' }).click();
    await log.getByRole('status').getByText('200 matches').waitFor();
  });

  it('opens from a position and from a time, selecting that event', async () => {
    const { page, log, grid, errors } = await openLog(fixture(500));
    await waitForRows(grid, (positions) => positions.at(-1) === 500);
    await log.getByText('Go to', { exact: true }).click();
    await log.getByLabel('Position or time (UTC)').fill('150');
    await log.getByRole('button', { name: 'Go', exact: true }).click();
    const rows = await waitForRows(grid, (positions) => positions[0] === 150);
    expect(rows.length).toBeGreaterThan(10);
    await expect(grid.locator('[data-position="150"]').getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByRole('complementary', { name: 'Event 150' }).waitFor();

    // The panel beside the log folds its toolbar (Oldest and Go to move into More): closed, they are back.
    await page.keyboard.press('Escape');
    await page.getByRole('complementary', { name: 'Event 150' }).waitFor({ state: 'detached' });
    await log.getByRole('button', { name: 'Oldest' }).click();
    await waitForRows(grid, (positions) => positions[0] === 1);
    await log.getByText('Go to', { exact: true }).click();
    await log.getByLabel('Position or time (UTC)').fill('2001-01-01T00:00:00Z');
    await log.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => grid.locator('[data-position="1"]').getAttribute('aria-selected')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('moves the selection with the keyboard and focuses the text filter with /', async () => {
    const { page, log, grid } = await openLog(fixture(400));
    await waitForRows(grid, (positions) => positions.at(-1) === 400);
    await log.getByRole('button', { name: 'Oldest' }).click();
    await waitForRows(grid, (positions) => positions[0] === 1);
    await grid.locator('[data-position="3"]').click();
    const selected = () => grid.locator('[aria-selected="true"]').getAttribute('data-position');
    await expect.poll(selected).toBe('3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(selected).toBe('5');
    await page.keyboard.press('ArrowUp');
    await expect.poll(selected).toBe('4');
    await page.keyboard.press('PageDown');
    await expect.poll(async () => Number(await selected())).toBeGreaterThan(15);
    await page.keyboard.press('End');
    await expect.poll(selected).toBe('400');
    expect((await visiblePositions(grid)).at(-1)).toBe(400);
    await page.keyboard.press('Home');
    await expect.poll(selected).toBe('1');
    expect((await visiblePositions(grid))[0]).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: 'Event 1' }).waitFor();

    await grid.focus();
    await page.keyboard.press('/');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder')))
      .toBe('Search data and metadata');
  });

  it('opens a stream from its cell', async () => {
    const { page, grid } = await openLog(fixture(50));
    await waitForRows(grid, (positions) => positions.at(-1) === 50);
    await grid.locator('[data-position="50"]').getByRole('button', { name: 'Open stream order-9' }).click();
    const log = page.getByRole('region', { name: 'Event log' });
    await log.getByRole('status').getByText('3 events').waitFor();
    const streamGrid = log.getByRole('grid', { name: 'Events' });
    expect(await waitForRows(streamGrid, (positions) => positions.length === 3)).toEqual([10, 30, 50]);
    expect(await cellTexts(streamGrid, 2)).toEqual(['order-9', 'order-9', 'order-9']);
  });

  it('shows an append by another process live, and keeps following the newest', async () => {
    const { dir, log, grid, errors } = await openLog(fixture(120));
    await waitForRows(grid, (positions) => positions.at(-1) === 120);
    await appendFromCli(dir, 'order-live', 'LiveAppended', { sku: 'LIVE-1' });
    await waitForRows(grid, (positions) => positions.at(-1) === 121);
    expect(await grid.locator('[data-position="121"]').innerText()).toContain('LiveAppended');
    await appendFromCli(dir, 'order-live', 'LiveAppended', { sku: 'LIVE-2' });
    await waitForRows(grid, (positions) => positions.at(-1) === 122);
    await expect(log.getByRole('status').innerText()).resolves.toContain('122 events');
    expect(errors).toEqual([]);
  });

  it('shows a live append in a filtered view only when it matches', async () => {
    const { dir, log, grid } = await openLog(fixture(300));
    await log.getByPlaceholder('Search data and metadata').fill('gift');
    await log.getByRole('status').getByText('12 matches').waitFor();
    await appendFromCli(dir, 'order-live', 'LiveAppended', { note: 'no wrapping' });
    await appendFromCli(dir, 'order-live', 'LiveAppended', { note: 'gift card' });
    await log.getByRole('status').getByText('13 matches').waitFor();
    const rows = await waitForRows(grid, (positions) => positions.at(-1) === 302);
    expect(rows).not.toContain(301);
  });

  it('counts new events in a pill instead of jumping when scrolled away', async () => {
    const { dir, log, grid } = await openLog(fixture(300));
    await waitForRows(grid, (positions) => positions.at(-1) === 300);
    await log.getByRole('button', { name: 'Oldest' }).click();
    await waitForRows(grid, (positions) => positions[0] === 1);
    await appendFromCli(dir, 'order-live', 'LiveAppended');
    await appendFromCli(dir, 'order-live', 'LiveAppended');
    const pill = log.getByRole('button', { name: '2 new events' });
    await pill.waitFor();
    expect((await visiblePositions(grid))[0]).toBe(1);
    await screenshot(log.page(), 'log-view-new-events-pill-light');
    await pill.click();
    await waitForRows(grid, (positions) => positions.at(-1) === 302);
    await expect(pill.count()).resolves.toBe(0);
  });

  it('keeps what is on screen while paused and catches up on resume', async () => {
    const { dir, log, grid } = await openLog(fixture(150));
    await waitForRows(grid, (positions) => positions.at(-1) === 150);
    await log.getByRole('button', { name: 'Pause' }).click();
    const before = await visiblePositions(grid);
    await appendFromCli(dir, 'order-live', 'LiveAppended');
    await log.getByRole('status').getByText('1 new while paused').waitFor();
    expect(await visiblePositions(grid)).toEqual(before);
    expect(await grid.locator('[data-position="151"]').count()).toBe(0);
    await log.getByRole('button', { name: 'Resume' }).click();
    await waitForRows(grid, (positions) => positions.at(-1) === 151);
  });

  it('pins a field of the data as a column, and remembers it for the folder', async () => {
    const { page, log, grid } = await openLog(fixture(60));
    await waitForRows(grid, (positions) => positions.at(-1) === 60);
    await log.getByText('+ Pin field').click();
    await log.getByLabel('Field path').fill('data.nope-');
    await log.getByRole('button', { name: 'Pin', exact: true }).click();
    await log.getByText(/Unexpected "-" at character 10/).waitFor();
    await log.getByLabel('Field path').fill('data.sku');
    await log.getByRole('button', { name: 'Pin', exact: true }).click();
    await log.getByRole('columnheader', { name: 'data.sku' }).waitFor();
    expect(await grid.locator('[data-position="60"] [role="gridcell"]').last().innerText()).toBe('K59');

    await page.reload();
    await page.getByRole('link', { name: /^All events/ }).click();
    await log.getByRole('columnheader', { name: 'data.sku' }).waitFor();
    await log.getByRole('button', { name: 'Unpin data.sku' }).click();
    await expect(log.getByRole('columnheader', { name: 'data.sku' }).count()).resolves.toBe(0);
  });

  it('says so when the folder has no events', async () => {
    const { log, errors } = await openLog([]);
    await log.getByRole('heading', { name: 'No events yet' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('scrolls a log taller than the browser allows an element to be, from end to end', async () => {
    const count = 320_000;
    const { page, log, grid } = await openLog(
      Array.from({ length: count }, (_, i) => ({ stream: `s-${i % 50}`, type: 'Tick', data: { i } })),
    );
    await waitForRows(grid, (positions) => positions.at(-1) === count);
    const spacer = await grid.evaluate((element) => element.scrollHeight);
    expect(spacer).toBeLessThan(count * 28);
    await grid.evaluate((element) => (element.scrollTop = (element.scrollHeight - element.clientHeight) / 2));
    const middle = await waitForRows(grid, (positions) => Math.abs(positions[0]! - count / 2) < 1000);
    expect(middle).toEqual(Array.from({ length: middle.length }, (_, i) => middle[0]! + i));
    await log.getByRole('button', { name: 'Oldest' }).click();
    await waitForRows(grid, (positions) => positions[0] === 1);
    // Past the cap a scroll pixel is more than a content pixel; the wheel still moves rows by what it asks.
    await grid.hover();
    await page.mouse.wheel(0, 10 * 28);
    await waitForRows(grid, (positions) => positions[0] === 11);
    await log.getByRole('button', { name: 'Newest' }).click();
    await waitForRows(grid, (positions) => positions.at(-1) === count);
  });

  it('shows why the log cannot be read, and reads it again on request', async () => {
    const { dir, log, grid } = await openLog(fixture(3000));
    await waitForRows(grid, (positions) => positions.at(-1) === 3000);
    const [segment] = (await readdir(path.join(dir, 'log'))).filter((name) => name.endsWith('.jsonl'));
    const file = path.join(dir, 'log', segment!);
    const bytes = await readFile(file);
    // Cut the segment short: the rows in the middle, not read yet, are no longer there to read.
    await truncate(file, 1000);
    await log.getByText('Go to', { exact: true }).click();
    await log.getByLabel('Position or time (UTC)').fill('1500');
    await log.getByRole('button', { name: 'Go', exact: true }).click();
    const alert = log.getByRole('alert');
    await alert.getByRole('heading', { name: 'The log could not be read' }).waitFor();
    expect((await alert.innerText()).length).toBeGreaterThan(40);
    await screenshot(log.page(), 'log-view-error-light');
    await writeFile(file, bytes);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForRows(grid, (positions) => positions.length > 0);
  });
});

describe('the log view in both themes', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`looks finished in the ${scheme} theme`, async () => {
      const { page, log, grid, errors } = await openLog(fixture(300), scheme);
      await waitForRows(grid, (positions) => positions.at(-1) === 300);
      await log.getByText('+ Pin field').click();
      await log.getByLabel('Field path').fill('data.note');
      await log.getByRole('button', { name: 'Pin', exact: true }).click();
      await log.getByRole('button', { name: 'Oldest' }).click();
      await grid.locator('[data-position="4"]').click();
      await page.keyboard.press('Escape');
      await screenshot(page, `log-view-${scheme}`);
      await log.getByRole('button', { name: 'Pause' }).click();
      await grid.locator('[data-position="4"]').click();
      await page.getByRole('heading', { name: 'OrderShipped' }).waitFor();
      await screenshot(page, `log-view-event-${scheme}`);
      await log.getByText('All types').click();
      await log.getByRole('checkbox', { name: /ItemAdded/ }).waitFor();
      await screenshot(page, `log-view-types-${scheme}`);
      expect(errors).toEqual([]);
    });
  }
});
