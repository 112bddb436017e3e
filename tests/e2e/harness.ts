/**
 * What every end-to-end test needs: a real folder written by the real store, browser mode's real server
 * over the built renderer, a real Chromium, and screenshots to look at. Each test makes its own folder.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { JsonValue } from '../../shared/event.js';
import type * as BrowserMode from '../../electron/serve/browser-mode.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { launchChromium } from '../../scripts/chromium.js';
export { launchChromium };

const root = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIR = path.join(root, 'out', 'renderer');
export const SCREENSHOTS_DIR = path.join(root, 'test-results', 'screenshots');
const BIN = path.join(root, 'bin', 'eventfold.js');
/**
 * The server is the compiled one in dist/: projections run in sandbox processes, which load compiled files
 * next to the module that starts them (from the TypeScript sources there are none).
 */
const SERVER = path.join(root, 'dist', 'electron', 'serve', 'browser-mode.js');

async function startServer(
  options: Parameters<typeof BrowserMode.startBrowserMode>[0],
): ReturnType<typeof BrowserMode.startBrowserMode> {
  if (!existsSync(SERVER)) {
    throw new Error('dist/ is not built: run `npm run build` (npm run test:e2e does).');
  }
  const compiled = (await import(pathToFileURL(SERVER).href)) as typeof BrowserMode;
  return compiled.startBrowserMode(options);
}

export interface RunningBrowserMode {
  /** Exactly `http://127.0.0.1:PORT/?token=TOKEN`, as `eventfold serve` prints it. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Serves `folder` in browser mode with the real server code and the built renderer. Recent folders go to a
 * temp file of this run, never the user's own list.
 */
export async function startBrowserMode(
  folder: string,
  /** A port and token of an earlier run: the same page can reconnect to the restarted server. */
  again?: { readonly port: number; readonly token: string },
): Promise<RunningBrowserMode> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is not built: run `npm run build` (npm run test:e2e does).');
  }
  const settings = await mkdtemp(path.join(tmpdir(), 'eventfold-e2e-settings-'));
  const server = await startServer({
    folder,
    rendererDir: RENDERER_DIR,
    recentFoldersFile: path.join(settings, 'recent-folders.json'),
    ...again,
  });
  return {
    url: server.url,
    port: server.port,
    token: server.token,
    close: async () => {
      await server.close();
      await rm(settings, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and warnings and uncaught exceptions (CSP violations included), in order. */
  readonly errors: string[];
}

/** A fresh browser profile (close its context when done) with the page loaded and its errors collected. */
export async function openPage(
  browser: Browser,
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
  viewport = { width: 1280, height: 800 },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, context, errors };
}

/** Saves a screenshot as test-results/screenshots/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export interface FixtureEvent {
  readonly stream: string;
  readonly type: string;
  readonly data?: JsonValue;
  readonly meta?: JsonValue;
}

/**
 * Writes a real event folder with the real store: the events in the order given (consecutive events of one
 * stream go in one append). With one argument, the folder is a new temp folder; the caller removes it
 * (`removeFolder`).
 */
export async function makeFixtureFolder(events: Iterable<FixtureEvent>): Promise<string>;
export async function makeFixtureFolder(dir: string, events: Iterable<FixtureEvent>): Promise<string>;
export async function makeFixtureFolder(
  dirOrEvents: string | Iterable<FixtureEvent>,
  maybeEvents?: Iterable<FixtureEvent>,
): Promise<string> {
  const dir =
    typeof dirOrEvents === 'string'
      ? dirOrEvents
      : path.join(await mkdtemp(path.join(tmpdir(), 'eventfold-e2e-')), 'events');
  const events = typeof dirOrEvents === 'string' ? (maybeEvents ?? []) : dirOrEvents;
  await initEventFolder(dir);
  const store = await openEventStore(dir, { watch: false, durability: 'none' });
  try {
    let run: FixtureEvent[] = [];
    const flush = async (): Promise<void> => {
      if (run.length === 0) return;
      await store.appendToStream(
        run[0]!.stream,
        run.map(({ type, data, meta }) => ({ type, data: data ?? {}, meta: meta ?? {} })),
      );
      run = [];
    };
    for (const event of events) {
      if (run.length > 0 && (run[0]!.stream !== event.stream || run.length >= 1000)) await flush();
      run.push(event);
    }
    await flush();
  } finally {
    await store.close();
  }
  return dir;
}

/** Removes a folder made by makeFixtureFolder (with the temp folder around it). */
export async function removeFolder(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  await rm(path.basename(parent).startsWith('eventfold-e2e-') ? parent : dir, {
    recursive: true,
    force: true,
  });
}

/**
 * Leaves what a crash mid-append leaves: half a line at the end of the last segment. The next open sees
 * a torn tail (the page shows the repair banner).
 */
export async function tearTail(dir: string): Promise<void> {
  const log = path.join(dir, 'log');
  const segments = (await readdir(log)).filter((name) => name.endsWith('.jsonl')).sort();
  const last = segments.at(-1);
  if (last === undefined) throw new Error(`${dir} has no segment to tear: append an event first`);
  await appendFile(path.join(log, last), '{"position":999999,"stream":"torn","revis');
}

/** Appends one event from a separate `eventfold append` process (needs `npm run build:node`). */
export async function appendFromCli(
  dir: string,
  stream: string,
  type: string,
  data: JsonValue = {},
): Promise<void> {
  await promisify(execFile)(process.execPath, [
    BIN,
    'append',
    dir,
    stream,
    type,
    '--data',
    JSON.stringify(data),
  ]);
}

export interface BrowserScope {
  /** The file's Chromium (started before its first test). */
  readonly browser: Browser;
  /** Runs `cleanup` after the current test, last registered first: servers, folders, browser contexts. */
  defer(cleanup: () => Promise<unknown>): void;
}

/** One Chromium for a test file, and after each test whatever it deferred, so no test sees another's leftovers. */
export function useBrowser(): BrowserScope {
  let browser: Browser | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (browser === undefined)
        throw new Error('useBrowser(): the browser starts in beforeAll; use it inside tests');
      return browser;
    },
    defer: (cleanup) => void cleanups.push(cleanup),
  };
}
