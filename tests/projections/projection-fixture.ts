import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { EventToAppend } from '../../shared/event.js';
import type * as Api from '../../electron/api/index.js';
import type * as Projections from '../../electron/projections/index.js';
import type * as Store from '../../electron/store/index.js';
import { SessionUnderTest } from '../api/api-session-fixture.js';

// Projections run in sandbox processes, which load compiled files: these tests use dist/ (npm run build:node).
const DIST = path.resolve(import.meta.dirname, '../../dist/electron');
export const projections = (await import(path.join(DIST, 'projections/index.js'))) as typeof Projections;
export const store = (await import(path.join(DIST, 'store/index.js'))) as typeof Store;
export const api = (await import(path.join(DIST, 'api/index.js'))) as typeof Api;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs after the test, in reverse order of registration. */
export function later(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** What the windows of one app share: a registry and a settings folder (so one trust file); removed after. */
export interface CompiledApp {
  readonly registry: Api.FolderRegistry;
  readonly settings: string;
}

export function compiledApp(): CompiledApp {
  const settings = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-settings-'));
  later(() => fs.rmSync(settings, { recursive: true, force: true }));
  return { registry: new api.FolderRegistry({ durability: 'none' }), settings };
}

/** A window's session on the compiled api (its projection processes load compiled files); disposed after. */
export function compiledSession(app: CompiledApp = compiledApp()): SessionUnderTest {
  const window = new SessionUnderTest(
    app.registry,
    new api.RecentFolders(path.join(app.settings, 'recent.json')),
    { mode: 'browser' },
    api.createApiSession,
  );
  later(() => window.session.dispose());
  return window;
}

export interface Sample {
  readonly stream: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** A new event folder holding the events (one append each), its store open; closed after the test. */
export async function folderWith(
  events: readonly Sample[],
  init: Store.InitOptions = {},
): Promise<Store.EventStore> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-projections-')), 'events');
  later(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));
  await store.initEventFolder(dir, init);
  const opened = await store.openEventStore(dir, { durability: 'none' });
  later(() => opened.close());
  await appendAll(opened, events);
  return opened;
}

export async function appendAll(opened: Store.EventStore, events: readonly Sample[]): Promise<void> {
  for (const { stream, type, data } of events) {
    const event: EventToAppend = { type, data: data as EventToAppend['data'] };
    await opened.appendToStream(stream, [event]);
  }
}

/** Writes projections/NAME.js in the folder and returns its path. */
export function writeProjection(folder: string, name: string, code: string): string {
  const dir = path.join(folder, 'projections');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, code);
  return file;
}

/** Starts a runner over the folder's projections/NAME.js with this code; closed after the test. */
export async function runProjection(
  opened: Store.EventStore,
  name: string,
  code: string,
  options: Projections.RunnerOptions = {},
): Promise<Projections.ProjectionRunner> {
  const file = writeProjection(opened.folder, name, code);
  const runner = await projections.ProjectionRunner.start(
    opened,
    await projections.userCode(file, opened.folder),
    options,
  );
  later(() => runner.close());
  return runner;
}

/** The state at the end of the log, after catching up; fails the test with the fault when there is one. */
export async function finalState(
  runner: Projections.ProjectionRunner,
  opened: Store.EventStore,
): Promise<unknown> {
  const status = await runner.caughtUp();
  if (status.fault !== null) throw new Error(`projection faulted: ${JSON.stringify(status.fault)}`);
  return runner.stateAt(opened.lastPosition);
}
