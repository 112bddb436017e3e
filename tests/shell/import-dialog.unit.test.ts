import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../shared/contract.js';
import type { DesktopApp } from '../../electron/main/desktop-app.js';
import type { InvokeHandler } from '../../electron/main/invoke-handler.js';
import { initEventFolder } from '../../electron/store/index.js';
import { FakeBrowserWindow, dialog, ipcMain, resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

type IpcMainInvokeEvent = Parameters<InvokeHandler>[0];

const { startDesktopApp } = await import('../../electron/main/desktop-app.js');
const { pageSource } = await import('../../electron/main/app-page.js');

let workspace: string;
let running: DesktopApp | undefined;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'eventfold-import-dialog-'));
  resetFakeElectron(path.join(workspace, 'user-data'));
});

afterEach(async () => {
  for (const window of FakeBrowserWindow.getAllWindows()) window.close();
  await running?.windows.settled();
  running = undefined;
  await rm(workspace, { recursive: true, force: true });
});

function invoke(window: FakeBrowserWindow, name: string, arg: unknown): Promise<Answer<unknown>> {
  const handler = ipcMain.handlers.get('eventfold:invoke')!;
  const event = {
    sender: window.webContents,
    senderFrame: window.webContents.mainFrame,
  } as unknown as IpcMainInvokeEvent;
  return handler(event, name, arg) as Promise<Answer<unknown>>;
}

describe('File > Import in the desktop app', () => {
  it("asks for the tool's export file with the system dialog, modal to the window", async () => {
    const journal = path.join(workspace, 'journal');
    await initEventFolder(journal);
    running = await startDesktopApp({
      argv: ['/opt/Eventfold/eventfold', journal],
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
    dialog.answers.push('/home/ana/Telegram Desktop/ChatExport/result.json');
    expect(await invoke(window, 'journal.import.choose', { from: 'telegram' })).toEqual({
      ok: true,
      value: { path: '/home/ana/Telegram Desktop/ChatExport/result.json' },
    });
    expect(dialog.opened.at(-1)).toMatchObject({
      title: 'Import from Telegram',
      buttonLabel: 'Import',
      properties: ['openFile', 'dontAddToRecent'],
      filters: [
        { name: 'Telegram export (result.json)', extensions: ['json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(await invoke(window, 'journal.import.choose', { from: 'dayone' })).toEqual({
      ok: true,
      value: { path: null },
    });
    expect(dialog.opened.at(-1)).toMatchObject({ title: 'Import from Day One' });
  });
});
