import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../shared/contract.js';
import type { DesktopApp } from '../../electron/main/desktop-app.js';
import type { InvokeHandler } from '../../electron/main/invoke-handler.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { FakeBrowserWindow, FakeUtilityProcess, ipcMain, resetFakeElectron } from './fake-electron.js';

// The desktop app's projections, under the stand-in electron module: they run in utility processes the
// main process forks (real Node processes here, from dist/), never in the main process itself.
vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

type IpcMainInvokeEvent = Parameters<InvokeHandler>[0];

const { startDesktopApp } = await import('../../electron/main/desktop-app.js');
const { pageSource } = await import('../../electron/main/app-page.js');
const { utilitySpawner } = await import('../../electron/main/sandbox-spawner.js');
const { SANDBOX_ENTRY } = await import('../../electron/projections/index.js');

let workspace: string;
let running: DesktopApp | undefined;

async function shop(): Promise<string> {
  const folder = path.join(workspace, 'shop');
  await initEventFolder(folder);
  const store = await openEventStore(folder);
  try {
    await store.appendToStream('order-1', [{ type: 'OrderPlaced', data: { total: 12 } }]);
    await store.appendToStream('order-2', [{ type: 'OrderPlaced', data: { total: 7 } }]);
  } finally {
    await store.close();
  }
  await mkdir(path.join(folder, 'projections'));
  await writeFile(
    path.join(folder, 'projections', 'revenue.js'),
    `fromAll().when({ $init: () => ({ total: 0, pid: typeof process }), OrderPlaced: (s, e) => ({ ...s, total: s.total + e.data.total }) })`,
  );
  await writeFile(
    path.join(folder, 'projections', 'looping.js'),
    `fromAll().when({ OrderPlaced: (s, e) => { if (e.position === 2) for (;;) {} return s; } })`,
  );
  return folder;
}

function invoke(window: FakeBrowserWindow, name: string, arg?: unknown): Promise<Answer<unknown>> {
  const handler = ipcMain.handlers.get('eventfold:invoke');
  if (!handler) throw new Error('no eventfold:invoke handler');
  const event = {
    sender: window.webContents,
    senderFrame: window.webContents.mainFrame,
  } as unknown as IpcMainInvokeEvent;
  return handler(event, name, arg) as Promise<Answer<unknown>>;
}

beforeEach(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'eventfold-desktop-sandbox-'));
  resetFakeElectron(path.join(workspace, 'user-data'));
});

afterEach(async () => {
  for (const window of FakeBrowserWindow.getAllWindows()) window.close();
  await running?.windows.settled();
  running = undefined;
  for (const fork of FakeUtilityProcess.forks) fork.process.kill();
  await rm(workspace, { recursive: true, force: true });
});

describe('the desktop app’s projection sandbox', () => {
  it('runs a folder’s projection in a utility process it forks, with the sandbox’s flags and no environment', async () => {
    const folder = await shop();
    running = await startDesktopApp({
      argv: ['/opt/Eventfold/eventfold', '--folder', folder],
      cwd: workspace,
      defaultApp: false,
      platform: 'linux',
      dev: false,
      page: pageSource({
        rendererDir: '/opt/Eventfold/resources/app/out/renderer',
        devServerUrl: undefined,
        isPackaged: true,
      }),
      preload: '/opt/Eventfold/resources/app/out/preload/index.cjs',
    });
    const [window] = FakeBrowserWindow.getAllWindows() as [FakeBrowserWindow];
    await vi.waitFor(async () => expect((await invoke(window, 'folder.current')).ok).toBe(true));
    expect(FakeUtilityProcess.forks).toHaveLength(0);
    expect(await invoke(window, 'folder.trust', { trusted: true })).toMatchObject({ ok: true });

    const answer = await invoke(window, 'projection.state', { name: 'revenue' });
    expect(answer).toEqual({ ok: true, value: { position: 2, state: { total: 19, pid: 'undefined' } } });
    const [fork] = FakeUtilityProcess.forks;
    expect(fork?.modulePath).toBe(SANDBOX_ENTRY);
    expect(fork?.options).toMatchObject({
      stdio: 'pipe',
      serviceName: 'Eventfold projection sandbox',
      env: {},
    });
    expect(fork?.options.execArgv).toEqual(
      expect.arrayContaining(['--disallow-code-generation-from-strings', '--experimental-vm-modules']),
    );
    expect(JSON.parse(fork?.args[0] ?? '{}')).toMatchObject({ memoryMb: 512, eventTimeoutMs: 1000 });
    // The fold ran in that process, not in this one (the main process).
    expect(fork?.process.pid).not.toBe(process.pid);

    const fault = await invoke(window, 'projection.state', { name: 'looping' });
    expect(fault).toMatchObject({
      ok: false,
      error: {
        code: 'ProjectionFault',
        details: { position: 2, reason: expect.stringMatching(/time limit/) as unknown },
      },
    });
    // The main process answers on.
    expect(await invoke(window, 'projection.state', { name: 'revenue' })).toMatchObject({ ok: true });
  });

  it('interrupts a utility process with SIGINT (the memory watch) and ends it with SIGKILL', async () => {
    const sandbox = utilitySpawner({ eventTimeoutMs: 1000, memoryMb: 64, maxStateBytes: 1024 * 1024 });
    const pid = await sandbox.processId();
    expect(pid).toBeGreaterThan(0);
    expect(sandbox.walls).toEqual({ network: 'open', processes: 'open', memory: 'watched' });
    const exited = new Promise<number | null>((resolve) => sandbox.onExit((code) => resolve(code)));
    // Between handlers SIGINT has Node's default meaning: the process ends.
    sandbox.kill('SIGINT');
    expect(await exited).not.toBe(0);
  });
});
