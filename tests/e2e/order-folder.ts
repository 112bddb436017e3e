/**
 * An order system's folder served in browser mode, for the tests of issue 13's acceptance (links, keys, value
 * filters, layout, accessibility): each test gets its own folder, server and browser profile.
 */
import type { Locator, Page } from 'playwright-core';
import {
  makeFixtureFolder,
  openPage,
  removeFolder,
  startBrowserMode,
  type BrowserScope,
  type FixtureEvent,
  type RunningBrowserMode,
} from './harness.js';

const TYPES = ['OrderPlaced', 'ItemAdded', 'PaymentCaptured', 'OrderShipped'] as const;

/**
 * Event i (0-based, position i + 1): 20 streams, the types in turn, a customer of 7, a total that wanders
 * over 0..249, a gift note on every 25th.
 */
export function orderEvent(i: number): FixtureEvent {
  return {
    stream: `order-${i % 20}`,
    type: TYPES[i % TYPES.length]!,
    data: {
      sku: `K${i}`,
      qty: 1 + (i % 5),
      total: (i * 37) % 250,
      customer: { id: `user-${i % 7}` },
      ...(i % 25 === 0 ? { note: 'gift wrap' } : {}),
    },
  };
}

export const orders = (count: number): FixtureEvent[] =>
  Array.from({ length: count }, (_, i) => orderEvent(i));

export interface ServedFolder {
  readonly page: Page;
  readonly dir: string;
  readonly server: RunningBrowserMode;
  /** Console errors and warnings and uncaught exceptions, in order. */
  readonly errors: string[];
}

/** A folder of `count` orders, browser mode over it, and a fresh profile with the app open at its landing place. */
export async function serveOrders(
  scope: BrowserScope,
  count: number,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<ServedFolder> {
  const dir = await makeFixtureFolder(orders(count));
  scope.defer(() => removeFolder(dir));
  const server = await startBrowserMode(dir);
  scope.defer(() => server.close());
  const { page, context, errors } = await openPage(
    scope.browser,
    server.url,
    options.colorScheme ?? 'light',
    options.viewport,
  );
  scope.defer(() => context.close());
  await page.getByRole('navigation', { name: 'Folder' }).waitFor();
  return { page, dir, server, errors };
}

/** The page's address after `#`, decoded: `/stream/order-3?event=4`. */
export async function hashOf(page: Page): Promise<string> {
  return decodeURIComponent(await page.evaluate(() => location.hash.slice(1)));
}

/** The log region of the page (the projection's own log is inside the projection's region). */
export const eventLog = (page: Page): Locator => page.getByRole('region', { name: 'Event log' }).first();

/** Positions of every row the grid has rendered, in order. */
export function renderedPositions(grid: Locator): Promise<number[]> {
  return grid.evaluate((element) =>
    [...element.querySelectorAll<HTMLElement>('[data-position]')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((row) => Number(row.dataset.position)),
  );
}
