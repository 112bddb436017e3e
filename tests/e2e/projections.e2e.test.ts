import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { JsonValue } from '../../shared/event.js';
import { describe, expect, it } from 'vitest';
import { trustAfterReview } from './trust-review.js';
import {
  appendFromCli,
  makeFixtureFolder,
  openPage,
  removeFolder,
  screenshot,
  startBrowserMode,
  useBrowser,
  type FixtureEvent,
} from './harness.js';

const ROUNDS = ['OrderPlaced', 'ItemAdded', 'ItemAdded', 'ItemAdded', 'NoteChanged', 'OrderShipped'] as const;
const ORDERS = 4;
const SKUS = ['KB-101', 'MS-220', 'MN-330', 'HD-440'];

/** Four orders advancing together: event p (from 1) is round ⌊(p-1)/4⌋ of order-((p-1) mod 4 + 1). */
function shop(): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  ROUNDS.forEach((type, round) => {
    for (let order = 1; order <= ORDERS; order++) {
      const data: JsonValue =
        type === 'OrderPlaced'
          ? { customer: `Customer ${order}`, note: 'leave the parcel at the door' }
          : type === 'ItemAdded'
            ? { sku: SKUS[(order + round) % SKUS.length]! }
            : type === 'NoteChanged'
              ? { note: 'leave the parcel with the neighbour' }
              : { carrier: 'DHL' };
      events.push({ stream: `order-${order}`, type, data });
    }
  });
  return events;
}
const EVENTS = shop();
const LAST = EVENTS.length;

/** A user projection: how many events, the last type, and each order's status, note and items. */
const COUNTER = `fromAll().when({
  $init: () => ({ count: 0, lastType: null, orders: {} }),
  $any: (state, event) => {
    const orders = { ...state.orders };
    const order = orders[event.stream] ? { ...orders[event.stream] } : { status: 'new', items: [] };
    if (event.type === 'OrderPlaced') Object.assign(order, { status: 'placed', customer: event.data.customer, note: event.data.note });
    if (event.type === 'ItemAdded') order.items = [...order.items, event.data.sku];
    if (event.type === 'NoteChanged') order.note = event.data.note;
    if (event.type === 'OrderShipped') order.status = 'shipped by ' + event.data.carrier;
    orders[event.stream] = order;
    return { ...state, count: state.count + 1, lastType: event.type, orders };
  },
});
`;

/** Counts events, but throws on the one at position 5. */
const FRAGILE = `fromAll().when({
  $init: () => ({ seen: 0 }),
  $any: (state, event) => {
    if (event.position === 5) throw new Error('cannot handle ' + event.type + ' at five');
    return { seen: state.seen + 1 };
  },
});
`;

const scope = useBrowser();

interface Opened {
  readonly dir: string;
  readonly page: Page;
  readonly errors: string[];
}

/**
 * A folder of its own with the shop's events and the given projections/*.js, served in browser mode;
 * `damage` changes its log before it is served (as bit rot would).
 */
async function openFolder(
  projections: Record<string, string>,
  colorScheme: 'light' | 'dark' = 'light',
  damage?: (dir: string) => Promise<void>,
): Promise<Opened> {
  const dir = await makeFixtureFolder(EVENTS);
  scope.defer(() => removeFolder(dir));
  await damage?.(dir);
  await mkdir(path.join(dir, 'projections'), { recursive: true });
  for (const [name, code] of Object.entries(projections)) {
    await writeFile(path.join(dir, 'projections', `${name}.js`), code);
  }
  const server = await startBrowserMode(dir);
  scope.defer(() => server.close());
  const { page, context, errors } = await openPage(scope.browser, server.url, colorScheme, {
    width: 1400,
    height: 900,
  });
  scope.defer(() => context.close());
  await page.getByRole('navigation', { name: 'Folder' }).waitFor();
  return { dir, page, errors };
}

async function trustFolder(page: Page, projections: number): Promise<void> {
  const prompt = page
    .getByRole('navigation', { name: 'Folder' })
    .getByRole('region', { name: 'Folder trust' });
  await prompt
    .getByText(`It holds ${projections} ${projections === 1 ? 'projection' : 'projections'} of its own`)
    .waitFor();
  await trustAfterReview(page, projections);
}

async function openProjection(page: Page, name: string): Promise<Locator> {
  await page.getByRole('list', { name: 'Projections' }).getByRole('link', { name }).click();
  const view = page.getByRole('region', { name: `Projection ${name}` });
  await view.waitFor();
  return view;
}

/** The text of a state tree node's value (`state.count` → `24`). */
function treeValue(view: Locator, path: string): Promise<string> {
  return view.locator(`[data-path='${path}'] .leaf`).first().innerText();
}

/** Rows of the projection view's own log, from the oldest. */
async function showOldest(view: Locator): Promise<Locator> {
  const log = view.getByRole('region', { name: 'Event log' });
  await log.getByRole('button', { name: 'Oldest' }).click();
  const grid = log.getByRole('grid', { name: 'Events' });
  await grid.locator('[data-position="1"]').waitFor();
  return grid;
}

describe('projections in the app', () => {
  it('runs built-ins without trust, runs the folder’s code once trusted, and scrubs through its states', async () => {
    const { dir, page, errors } = await openFolder({ counter: COUNTER });
    const navigation = page.getByRole('navigation', { name: 'Folder' });
    await expect
      .poll(() => navigation.getByRole('list', { name: 'Projections' }).getByRole('link').allInnerTexts())
      .toEqual(['stream-documents', 'stream-statistics', 'counter']);
    await navigation.getByLabel('waits for trust').waitFor();
    // Listed, the built-ins do not run yet: nothing has asked for their state.
    const listed = navigation.getByRole('list', { name: 'Projections' });
    const badge = (name: string): Promise<string | null> =>
      listed.getByRole('link', { name }).getByRole('img').getAttribute('aria-label');
    await expect(badge('stream-statistics')).resolves.toBe('Not started');
    await expect(badge('stream-documents')).resolves.toBe('Not started');

    // Opening one starts it, and only it.
    const statistics = await openProjection(page, 'stream-statistics');
    await statistics.getByRole('tree', { name: 'state' }).waitFor();
    await statistics.getByText('Built-in', { exact: true }).waitFor();
    await statistics.getByText(`Caught up at #${LAST}`).waitFor();
    await expect.poll(() => badge('stream-statistics')).toBe(`Caught up at #${LAST}`);
    await expect(badge('stream-documents')).resolves.toBe('Not started');

    // Its view shows its code, read-only, and asks once (the navigation's card steps back meanwhile).
    const untrusted = await openProjection(page, 'counter');
    const waiting = untrusted.getByRole('region', { name: 'Waits for trust' });
    await waiting.locator('.cm-content').getByText('fromAll()').waitFor();
    await expect(navigation.getByRole('region', { name: 'Folder trust' }).count()).resolves.toBe(0);
    await expect(untrusted.getByRole('slider', { name: 'Position' }).count()).resolves.toBe(0);
    await screenshot(page, 'projection-trust-light');

    await trustAfterReview(page, 1, waiting.getByRole('button', { name: 'Trust this folder…' }));
    const view = page.getByRole('region', { name: 'Projection counter' });
    await view.getByText(`Caught up at #${LAST}`).waitFor();
    await expect.poll(() => treeValue(view, 'state.count')).toBe(String(LAST));
    await expect(treeValue(view, 'state.orders["order-2"].status')).resolves.toBe('"shipped by DHL"');

    // Typing a position: the state after event 10 (round 2, order-2) and that event's facts.
    const field = view.getByLabel('Go to position');
    await field.fill('10');
    await field.press('Enter');
    await expect.poll(() => treeValue(view, 'state.count')).toBe('10');
    await view.getByText('ItemAdded').first().waitFor();
    await expect(treeValue(view, 'state.orders["order-2"].status')).resolves.toBe('"placed"');

    // Keys on the slider step one event; Home is the initial state.
    const slider = view.getByRole('slider', { name: 'Position' });
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => treeValue(view, 'state.count')).toBe('9');
    await page.keyboard.press('Home');
    await expect.poll(() => treeValue(view, 'state.count')).toBe('0');
    await view.getByText('Initial state').waitFor();

    // A typo is named, and the state stays where it was.
    await field.fill('2x');
    await field.press('Enter');
    await view.getByRole('alert').getByText('"2x" is not a position').waitFor();
    await field.fill(String(LAST + 5));
    await field.press('Enter');
    await view.getByRole('alert').getByText(`past the newest event (${LAST})`).waitFor();

    // The pretty JSON view of the same state.
    await field.fill('6');
    await field.press('Enter');
    await expect.poll(() => treeValue(view, 'state.count')).toBe('6');
    await view.getByRole('radio', { name: 'JSON' }).click();
    await expect(view.getByLabel('State as JSON').innerText()).resolves.toContain('"count": 6');
    await view.getByRole('radio', { name: 'Tree' }).click();

    // The history of one path: the events that changed order-1's note.
    await field.fill(String(LAST));
    await field.press('Enter');
    await expect.poll(() => treeValue(view, 'state.count')).toBe(String(LAST));
    const note = view.locator(`[data-path='state.orders["order-1"].note']`);
    await note.hover();
    await note.getByRole('button', { name: 'history' }).click();
    const history = view.getByRole('list', { name: 'Changes' });
    await expect.poll(() => history.locator('.position').allInnerTexts()).toEqual(['#1', '#17']);
    await expect(history.getByRole('button').nth(1).innerText()).resolves.toContain('NoteChanged');
    await expect(history.getByRole('button').nth(1).locator('ins.word').allInnerTexts()).resolves.toEqual([
      'with',
      'neighbour',
    ]);
    await screenshot(page, 'projection-history-light');
    await history.getByRole('button').nth(1).click();
    await page.getByRole('complementary', { name: 'Event 17' }).waitFor();
    await expect.poll(() => field.inputValue()).toBe('17');
    await screenshot(page, 'projection-with-event-light');
    await view.getByRole('tab', { name: 'State' }).click();
    await expect.poll(() => treeValue(view, 'state.count')).toBe('17');

    // Back at the newest event, the view follows an append by another process.
    await view.getByRole('button', { name: 'Newest event' }).click();
    await expect.poll(() => treeValue(view, 'state.count')).toBe(String(LAST));
    await appendFromCli(dir, 'order-9', 'OrderPlaced', { customer: 'Customer 9', note: 'fragile' });
    await view.getByText(`Caught up at #${LAST + 1}`).waitFor();
    await expect.poll(() => treeValue(view, 'state.count')).toBe(String(LAST + 1));
    await expect(treeValue(view, 'state.orders["order-9"].status')).resolves.toBe('"placed"');

    // Revoking trust stops the folder's code; the built-ins go on.
    await navigation.getByRole('button', { name: 'Revoke' }).click();
    await view.getByText('Waits for trust').waitFor();
    await navigation.getByRole('button', { name: 'Trust this folder…' }).waitFor();
    expect(errors).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`diffs the states around an event and between two Shift-clicked events (${scheme})`, async () => {
      const { page, errors } = await openFolder({ counter: COUNTER }, scheme);
      await trustFolder(page, 1);
      const view = await openProjection(page, 'counter');
      await view.getByText(`Caught up at #${LAST}`).waitFor();
      await expect.poll(() => treeValue(view, 'state.count')).toBe(String(LAST));
      await screenshot(page, `projection-state-${scheme}`);
      await view.getByRole('tab', { name: 'Event diff' }).click();
      // Left and Right move between tabs.
      await page.keyboard.press('ArrowRight');
      await expect(view.getByRole('tab', { name: 'Compare' }).getAttribute('aria-selected')).resolves.toBe(
        'true',
      );
      await page.keyboard.press('ArrowLeft');
      await expect(view.getByRole('tab', { name: 'Event diff' }).getAttribute('aria-selected')).resolves.toBe(
        'true',
      );

      // Event 17 changes order-1's note: before and after, with a word diff.
      const field = view.getByLabel('Go to position');
      await field.fill('17');
      await field.press('Enter');
      const diff = view.getByRole('region', { name: 'Diff before #17 → after #17' });
      await diff.getByText('3 changed').waitFor();
      const paths = diff.getByRole('list', { name: 'Changed paths' }).locator('.path');
      await expect(paths.allInnerTexts()).resolves.toEqual(['count', 'lastType', 'orders["order-1"].note']);
      const noteRow = diff.locator('.row.op-change').nth(2);
      await expect(noteRow.locator('ins.word').allInnerTexts()).resolves.toEqual(['with', 'neighbour']);
      await expect(noteRow.locator('del.word').allInnerTexts()).resolves.toEqual(['at', 'door']);
      await screenshot(page, `projection-diff-changes-${scheme}`);

      await diff.getByRole('radio', { name: 'Unified' }).click();
      const unified = diff.getByRole('table', { name: 'Unified diff' });
      await expect(unified.locator('.line.removed .text').allInnerTexts()).resolves.toEqual([
        '  "count": 16,',
        '  "lastType": "ItemAdded",',
        '      "note": "leave the parcel at the door"',
      ]);
      await expect(unified.locator('.line.added .text').allInnerTexts()).resolves.toEqual([
        '  "count": 17,',
        '  "lastType": "NoteChanged",',
        '      "note": "leave the parcel with the neighbour"',
      ]);
      const folded = unified.getByRole('button', { name: /Show \d+ unchanged lines/ });
      const foldedCount = await folded.count();
      expect(foldedCount).toBeGreaterThan(0);
      await screenshot(page, `projection-diff-unified-${scheme}`);
      await folded.first().click();
      await expect(unified.getByRole('button', { name: /Show \d+ unchanged lines/ }).count()).resolves.toBe(
        foldedCount - 1,
      );

      await diff.getByRole('radio', { name: 'Side by side' }).click();
      const sides = diff.getByRole('table', { name: 'Side-by-side diff' });
      await expect(sides.locator('.text.removed').allInnerTexts()).resolves.toContain(
        '      "note": "leave the parcel at the door"',
      );
      await expect(sides.locator('.text.added').allInnerTexts()).resolves.toContain(
        '      "note": "leave the parcel with the neighbour"',
      );
      await screenshot(page, `projection-diff-side-by-side-${scheme}`);

      // Selecting an event in the projection's log shows what it changed.
      const grid = await showOldest(view);
      await grid.locator('[data-position="2"]').click();
      const second = view.getByRole('region', { name: 'Diff before #2 → after #2' });
      await second.getByRole('radio', { name: 'Changes' }).click();
      await expect(
        second.getByRole('list', { name: 'Changed paths' }).locator('.path').allInnerTexts(),
      ).resolves.toEqual(['count', 'orders["order-2"]']);

      // Shift-click a second event: the states after #2 and after #4 side by side.
      await grid.locator('[data-position="4"]').click({ modifiers: ['Shift'] });
      await expect(view.getByRole('tab', { name: 'Compare' }).getAttribute('aria-selected')).resolves.toBe(
        'true',
      );
      const compared = view.getByRole('region', { name: 'Diff A #2 → B #4' });
      await compared.getByText('2 added, 1 changed').waitFor();
      await expect(
        compared.getByRole('list', { name: 'Changed paths' }).locator('.path').allInnerTexts(),
      ).resolves.toEqual(['count', 'orders["order-3"]', 'orders["order-4"]']);
      // The log flags the compared rows and tints the one between them.
      await expect(grid.locator('[data-position="2"] .compare-mark').innerText()).resolves.toBe('A');
      await expect(grid.locator('[data-position="4"] .compare-mark').innerText()).resolves.toBe('B');
      await expect(
        grid
          .locator('.row.between')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-position'))),
      ).resolves.toEqual(['3']);
      await screenshot(page, `projection-compare-${scheme}`);

      // Marks on the scrubber: A and B at one position are equal states.
      await field.fill('9');
      await field.press('Enter');
      await view.getByRole('button', { name: 'Mark A' }).click();
      await view.getByRole('button', { name: 'Mark B' }).click();
      const same = view.getByRole('region', { name: 'Diff A #9 → B #9' });
      await same.getByText('States are equal').waitFor();
      await same.getByText('The state is the same at both positions').waitFor();
      await screenshot(page, `projection-equal-${scheme}`);

      // Shift-click in the folder's own log compares in the projection last shown.
      await page
        .getByRole('navigation', { name: 'Folder' })
        .getByRole('link', { name: /^All events/ })
        .click();
      const mainGrid = page.getByRole('region', { name: 'Event log' }).getByRole('grid', { name: 'Events' });
      await mainGrid.locator('[data-position="14"]').click();
      await page.getByRole('complementary', { name: 'Event 14' }).waitFor();
      await mainGrid.locator('[data-position="10"]').click({ modifiers: ['Shift'] });
      const fromLog = page
        .getByRole('region', { name: 'Projection counter' })
        .getByRole('region', { name: 'Diff A #10 → B #14' });
      await fromLog.getByText('4 added, 1 changed').waitFor();
      expect(errors).toEqual([]);
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`passes over damaged events as read does, and says so in the projection's header (${scheme})`, async () => {
      // Event #6's data changed on disk: its checksum fails, and it is a hole for read and projections alike.
      const rot = async (dir: string): Promise<void> => {
        const [segment] = (await readdir(path.join(dir, 'log'))).filter((name) => name.endsWith('.jsonl'));
        const file = path.join(dir, 'log', segment!);
        const lines = (await readFile(file, 'utf8')).split('\n');
        lines[5] = lines[5]!.replace('"sku":"', '"sku":"X');
        await writeFile(file, lines.join('\n'));
      };
      const { page, errors } = await openFolder({ counter: COUNTER }, scheme, rot);
      await trustFolder(page, 1);
      const view = await openProjection(page, 'counter');
      await view.getByText(`Caught up at #${LAST}`).waitFor();
      const holes = view.getByText('1 damaged event passed over');
      await holes.waitFor();
      await expect(holes.getAttribute('title')).resolves.toContain('no sound event at #6');
      await expect.poll(() => treeValue(view, 'state.count')).toBe(String(LAST - 1));
      await screenshot(page, `projection-holes-${scheme}`);
      expect(errors.filter((error) => !error.includes('read-only'))).toEqual([]);
    });

    it(`asks again, saying so, when a trusted folder's projection code changes (${scheme})`, async () => {
      const { dir, page } = await openFolder({ counter: COUNTER }, scheme);
      await trustFolder(page, 1);
      const view = await openProjection(page, 'counter');
      await expect.poll(() => treeValue(view, 'state.count')).toBe(String(LAST));
      // Changed behind the app (a pull, a sync tool): its code no longer runs on the old trust.
      await writeFile(path.join(dir, 'projections', 'counter.js'), COUNTER.replace('count + 1', 'count + 2'));
      // On the projection's view its own prompt asks (the navigation's steps back there), saying why.
      const waiting = view.getByRole('region', { name: 'Waits for trust' });
      await waiting.getByRole('heading', { name: 'Its code changed: trust it again?' }).waitFor();
      await waiting.getByText('changed since you trusted it').waitFor();
      await expect.poll(() => waiting.locator('.cm-content').innerText()).toContain('count + 2');
      await page.getByRole('navigation', { name: 'Folder' }).getByLabel('waits for trust').waitFor();
      await screenshot(page, `projection-trust-changed-${scheme}`);
      await trustAfterReview(page, 1, waiting.getByRole('button', { name: 'Trust this folder…' }));
      const again = await openProjection(page, 'counter');
      await expect.poll(() => treeValue(again, 'state.count')).toBe(String(2 * LAST));
    });
  }

  it('shows a fault with its event and error, and Skip goes on after that event', async () => {
    const { page, errors } = await openFolder({ counter: COUNTER, fragile: FRAGILE });
    await trustFolder(page, 2);
    const view = await openProjection(page, 'fragile');
    const fault = view.getByRole('alert', { name: 'Fault' });
    await fault.getByText('fragile faulted at event #5').waitFor();
    await fault.getByText('cannot handle ItemAdded at five').waitFor();
    await fault.locator('code').getByText('projections/fragile.js').waitFor();
    await expect(
      page
        .getByRole('list', { name: 'Projections' })
        .getByRole('link', { name: 'fragile' })
        .getByRole('img')
        .getAttribute('aria-label'),
    ).resolves.toBe('Faulted at #5');
    // It opens on its last good state, just before the event it failed on.
    await expect.poll(() => treeValue(view, 'state.seen')).toBe('4');
    await view.getByRole('button', { name: 'Next event' }).click();
    await view.getByText('No state at #5').waitFor();
    await view.getByRole('button', { name: 'Show the state before the fault (#4)' }).click();
    await expect.poll(() => treeValue(view, 'state.seen')).toBe('4');
    await screenshot(page, 'projection-fault-light');

    await fault.getByRole('button', { name: 'Skip this event' }).click();
    await view.getByText(`Caught up at #${LAST}`).waitFor();
    await view.getByText('1 event skipped').first().waitFor();
    await expect(fault.count()).resolves.toBe(0);
    await expect.poll(() => treeValue(view, 'state.seen')).toBe(String(LAST - 1));
    await view.locator('details.skips summary').click();
    await view.locator('details.skips').getByText('cannot handle ItemAdded at five').waitFor();
    await screenshot(page, 'projection-skipped-light');

    // Rebuild forgets the skip: the projection faults at the same event again.
    await view.getByRole('button', { name: 'Rebuild' }).first().click();
    await view.getByRole('alert', { name: 'Fault' }).getByText('fragile faulted at event #5').waitFor();
    expect(errors).toEqual([]);
  });
});
