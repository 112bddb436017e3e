/**
 * The chat view as a test drives it: a journal folder served in browser mode, a page on it in a given
 * theme and time zone, and the parts of the view found the way a person finds them (by role and name).
 */
import type { Locator, Page } from 'playwright-core';
import { removeFolder, startBrowserMode, type BrowserScope, type RunningBrowserMode } from './harness.js';

export interface JournalPage {
  readonly page: Page;
  readonly errors: string[];
  readonly server: RunningBrowserMode;
  readonly dir: string;
}

export async function openJournalPage(
  scope: BrowserScope,
  dir: string,
  options: {
    readonly colorScheme?: 'light' | 'dark';
    readonly server?: RunningBrowserMode;
    readonly viewport?: { width: number; height: number };
    readonly hash?: string;
  } = {},
): Promise<JournalPage> {
  let server = options.server;
  if (server === undefined) {
    scope.defer(() => removeFolder(dir));
    const started = await startBrowserMode(dir);
    scope.defer(() => started.close());
    server = started;
  }
  const context = await scope.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  scope.defer(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}${options.hash ?? ''}`);
  return { page, errors, server, dir };
}

export const sidebar = (page: Page): Locator => page.getByRole('navigation', { name: 'Journal' });
export const messageLog = (page: Page): Locator => page.getByRole('log', { name: /^Messages in/ });
export const composer = (page: Page): Locator => page.getByRole('textbox', { name: 'Message' });

/** A bubble whose own text (not a reply's quote of another) has `text`, wherever it is searched from. */
const ownText = (page: Page, text: string | RegExp): Locator =>
  page.getByRole('article').filter({ has: page.locator('.markdown').filter({ hasText: text }) });

/** The message bubbles whose own text has `text`. */
export const bubble = (page: Page, text: string | RegExp): Locator =>
  messageLog(page)
    .getByRole('article')
    .filter({ has: page.locator('.markdown').filter({ hasText: text }) });

/** The row around a bubble (toolbar, reactions, conflicts), for hovering and its buttons. */
export const messageRow = (page: Page, text: string | RegExp): Locator =>
  messageLog(page)
    .locator('.message')
    .filter({ has: ownText(page, text) });

/** Waits for what a person would wait for: up to 20 s on this loaded machine. */
export const PATIENCE = { timeout: 20_000 } as const;

/** Runs a message's toolbar button (hovering shows the toolbar, as a person's pointer would). */
export async function messageAction(page: Page, text: string | RegExp, action: string): Promise<void> {
  const row = messageRow(page, text);
  await row.hover();
  await row.getByRole('toolbar').getByRole('button', { name: action, exact: true }).click();
}

/** A message's "More actions" menu item. */
export async function messageMenu(page: Page, text: string | RegExp, item: string): Promise<void> {
  await messageAction(page, text, 'More actions');
  await page.getByRole('menu').getByRole('menuitem', { name: item, exact: true }).click();
}

/** Writes and sends a message with the keyboard. */
export async function send(page: Page, text: string): Promise<void> {
  const field = composer(page);
  await field.click();
  await field.fill(text);
  await field.press('Enter');
  await bubble(page, text).first().waitFor();
}
