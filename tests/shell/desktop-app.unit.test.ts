import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer, FolderSummary } from '../../shared/contract.js';
import type { appMenuTemplate } from '../../electron/main/app-menu.js';
import type { DesktopApp } from '../../electron/main/desktop-app.js';
import type { InvokeHandler } from '../../electron/main/invoke-handler.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import {
  FakeBrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  resetFakeElectron,
  screen,
  session,
  shell,
} from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

type MenuItemConstructorOptions = ReturnType<typeof appMenuTemplate>[number];
type IpcMainInvokeEvent = Parameters<InvokeHandler>[0];

const { startDesktopApp } = await import('../../electron/main/desktop-app.js');
const { pageSource } = await import('../../electron/main/app-page.js');

const RENDERER = '/opt/Eventfold/resources/app/out/renderer';
const PAGE_URL = 'app://eventfold/index.html';
let workspace: string;
let userData: string;
let running: DesktopApp | undefined;

/** An event folder with a few events in two streams. */
async function eventFolder(name: string): Promise<string> {
  const folder = path.join(workspace, name);
  await initEventFolder(folder);
  const store = await openEventStore(folder);
  try {
    await store.appendToStream('order-1', [{ type: 'OrderPlaced', data: { total: 12 } }]);
    await store.appendToStream('order-2', [{ type: 'OrderPlaced', data: { total: 7 } }]);
    await store.appendToStream('order-1', [{ type: 'OrderShipped' }]);
  } finally {
    await store.close();
  }
  return folder;
}

async function start(argv: string[]): Promise<DesktopApp> {
  const desktop = await startDesktopApp({
    argv,
    cwd: workspace,
    defaultApp: false,
    platform: 'linux',
    dev: false,
    page: pageSource({ rendererDir: RENDERER, devServerUrl: undefined, isPackaged: true }),
    preload: '/opt/Eventfold/resources/app/out/preload/index.cjs',
  });
  if (!desktop) throw new Error('the app did not start');
  running = desktop;
  return desktop;
}

/** What `ipcRenderer.invoke('eventfold:invoke', name, arg)` from this frame of this window gets. */
function invoke(
  window: FakeBrowserWindow,
  name: unknown,
  arg?: unknown,
  frame: { url: string; parent: unknown } = window.webContents.mainFrame,
): Promise<Answer<unknown>> {
  const handler = ipcMain.handlers.get('eventfold:invoke');
  if (!handler) throw new Error('no eventfold:invoke handler');
  const event = { sender: window.webContents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
  return handler(event, name, arg) as Promise<Answer<unknown>>;
}

async function currentFolder(window: FakeBrowserWindow): Promise<FolderSummary | null> {
  const answer = await invoke(window, 'folder.current');
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as FolderSummary | null;
}

const windows = (): FakeBrowserWindow[] => FakeBrowserWindow.getAllWindows();

beforeEach(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'eventfold-shell-'));
  userData = path.join(workspace, 'user-data');
  resetFakeElectron(userData);
});

afterEach(async () => {
  for (const window of windows()) window.close();
  await running?.windows.settled();
  running = undefined;
  await rm(workspace, { recursive: true, force: true });
});

describe('the desktop app at launch', () => {
  it('opens the folder named on the command line in a sandboxed window showing the built page', async () => {
    const shop = await eventFolder('shop');
    await start(['/opt/Eventfold/eventfold', '--folder', 'shop']);

    expect(app.sandboxed).toBe(true);
    expect(windows()).toHaveLength(1);
    const [window] = windows() as [FakeBrowserWindow];
    expect(window.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect(window.webContents.getURL()).toBe(PAGE_URL);
    expect(window.visible).toBe(true);
    const folder = await currentFolder(window);
    expect(folder).toMatchObject({ path: shop, events: 3, streams: 2 });
  });

  it('opens a bare path argument too', async () => {
    const shop = await eventFolder('shop');
    await start(['/opt/Eventfold/eventfold', shop]);
    expect(await currentFolder(windows()[0]!)).toMatchObject({ path: shop });
  });

  it('creates the default journal in the user data folder on first start, with a first channel, and opens it', async () => {
    await start(['/opt/Eventfold/eventfold']);
    const journal = path.join(userData, 'Journal');
    expect(existsSync(path.join(journal, 'eventfold.json'))).toBe(true);
    // A journal from the start: the page lands in its chat view, with a channel to write in.
    expect(await currentFolder(windows()[0]!)).toMatchObject({ path: journal, events: 1, journal: true });
    const channels = await invoke(windows()[0]!, 'journal.channels', {});
    expect(channels).toMatchObject({ ok: true, value: [{ name: 'Journal', messages: 0 }] });
  });

  it('creates the journal also when it is named on the command line (as npm start does)', async () => {
    const journal = path.join(userData, 'Journal');
    await start(['/opt/Eventfold/eventfold', `--folder=${journal}`]);
    expect(await currentFolder(windows()[0]!)).toMatchObject({ path: journal, events: 1, journal: true });
  });

  it('leaves a journal directory holding something else alone and says why it cannot open it', async () => {
    const journal = path.join(userData, 'Journal');
    await mkdir(journal, { recursive: true });
    await writeFile(path.join(journal, 'notes.txt'), 'mine');
    await start(['/opt/Eventfold/eventfold']);
    expect(existsSync(path.join(journal, 'eventfold.json'))).toBe(false);
    expect(await currentFolder(windows()[0]!)).toBeNull();
    expect(dialog.messages.at(-1)?.message).toContain(journal);
    expect(dialog.messages.at(-1)?.detail).toContain('not an event folder');
  });

  it('shows a window without a folder, and the reason, when the named folder is no event folder', async () => {
    await mkdir(path.join(workspace, 'plain'));
    await start(['/opt/Eventfold/eventfold', '--folder=plain']);
    expect(windows()).toHaveLength(1);
    expect(await currentFolder(windows()[0]!)).toBeNull();
    expect(dialog.messages.at(-1)).toMatchObject({
      message: expect.stringContaining(path.join(workspace, 'plain')) as unknown,
      detail: expect.stringContaining('not an event folder') as unknown,
    });
  });

  it('hands the folder to the running app and quits when another instance holds the lock', async () => {
    const shop = await eventFolder('shop');
    app.singleInstance = false;
    const started = await startDesktopApp({
      argv: ['/opt/Eventfold/eventfold', shop],
      cwd: workspace,
      defaultApp: false,
      platform: 'linux',
      dev: false,
      page: pageSource({ rendererDir: RENDERER, devServerUrl: undefined, isPackaged: true }),
      preload: '/p.cjs',
    });
    expect(started).toBeUndefined();
    expect(app.lockData).toEqual({ folder: shop });
    expect(app.quitCount).toBe(1);
    expect(windows()).toHaveLength(0);
  });

  it('denies every permission request', async () => {
    await start(['/opt/Eventfold/eventfold']);
    const granted = vi.fn();
    session.defaultSession.permissionRequest?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(session.defaultSession.permissionCheck?.()).toBe(false);
  });

  it('blocks navigation away from the page, documents in subframes, webviews and every new window', async () => {
    await start(['/opt/Eventfold/eventfold']);
    const contents = windows()[0]!.webContents;
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn() };
    contents.emit('will-navigate', own, `${PAGE_URL}#log`);
    expect(own.preventDefault).not.toHaveBeenCalled();
    const frame = { url: 'file:///etc/passwd', isMainFrame: false, preventDefault: vi.fn() };
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const main = { url: PAGE_URL, isMainFrame: true, preventDefault: vi.fn() };
    contents.emit('will-frame-navigate', main);
    expect(main.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([]);
  });

  it("opens a message's web and mail links in the system's programs, never in a window of the app", async () => {
    await start(['/opt/Eventfold/eventfold', await eventFolder('shop')]);
    const contents = windows()[0]!.webContents;
    for (const url of [
      'https://example.org/a?b=1',
      'mailto:me@example.org',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.opened).toEqual(['https://example.org/a?b=1', 'mailto:me@example.org']);
  });
});

describe('eventfold:invoke', () => {
  it('refuses requests from frames that are not our page, and runs nothing for them', async () => {
    const shop = await eventFolder('shop');
    const other = await eventFolder('other');
    await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;
    const top = window.webContents.mainFrame;

    const attempts = [
      { url: 'https://attacker.example/', parent: null },
      { url: 'file:///etc/passwd', parent: null },
      { url: PAGE_URL, parent: top },
      null,
    ];
    for (const frame of attempts) {
      const answer = await invoke(window, 'folder.open', { path: other }, frame as never);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.message).toMatch(/^Eventfold refused the request: /);
    }
    // A window Eventfold did not open (say, one a bug let through) gets nothing either.
    const stranger = new FakeBrowserWindow({});
    stranger.webContents.mainFrame.url = PAGE_URL;
    const answer = await invoke(stranger, 'folder.open', { path: other });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    expect((await currentFolder(window))?.path).toBe(shop);
  });

  it('refuses unknown requests and invalid arguments through the real api, naming what was wrong', async () => {
    const shop = await eventFolder('shop');
    await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;

    const unknown = await invoke(window, 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    if (!unknown.ok) expect(unknown.error.message).toContain('fs.readFile');

    const badPath = await invoke(window, 'folder.open', { path: 42 });
    expect(badPath).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    if (!badPath.ok) expect(badPath.error.message).toContain('path');

    const badLimit = await invoke(window, 'streams.list', { limit: 100_000 });
    expect(badLimit).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    if (!badLimit.ok) expect(badLimit.error.message).toContain('limit');

    const listed = await invoke(window, 'streams.list', {});
    expect(listed).toMatchObject({ ok: true, value: { total: 2 } });
  });

  it('runs each window’s requests in its own session and pushes to that window only', async () => {
    const shop = await eventFolder('shop');
    const other = await eventFolder('other');
    const desktop = await start(['/opt/Eventfold/eventfold', shop]);
    await desktop.secondInstance(['/opt/Eventfold/eventfold', other], workspace, undefined);
    const [first, second] = windows() as [FakeBrowserWindow, FakeBrowserWindow];
    first.webContents.sent.length = 0;
    second.webContents.sent.length = 0;

    const appended = await invoke(second, 'event.append', { stream: 'order-9', type: 'OrderPlaced' });
    expect(appended.ok).toBe(true);
    await vi.waitFor(() =>
      expect(second.webContents.pushes()).toContainEqual([
        'log.appended',
        { firstPosition: 4, lastPosition: 4 },
      ]),
    );
    expect(first.webContents.pushes().filter(([name]) => name === 'log.appended')).toEqual([]);
    expect((await currentFolder(first))?.events).toBe(3);
  });

  it('lets the page choose a folder with the system dialog', async () => {
    const shop = await eventFolder('shop');
    await start(['/opt/Eventfold/eventfold', shop]);
    dialog.answers.push('/picked/folder');
    expect(await invoke(windows()[0]!, 'folder.choose', { purpose: 'open' })).toEqual({
      ok: true,
      value: { path: '/picked/folder' },
    });
    expect(dialog.opened.at(-1)?.properties).toContain('openDirectory');
    expect(await invoke(windows()[0]!, 'folder.choose', { purpose: 'create' })).toEqual({
      ok: true,
      value: { path: null },
    });
    expect(dialog.opened.at(-1)?.properties).toContain('createDirectory');
  });

  it('saves a prepared export where the save dialog says, and nowhere when it is cancelled', async () => {
    const shop = await eventFolder('shop');
    await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;
    const prepared = await invoke(window, 'export.prepare', {
      kind: 'events',
      source: { kind: 'category', category: 'order' },
      format: 'csv',
    });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const { file, name } = prepared.value as { file: string; name: string };
    expect(name).toBe('order-events.csv');
    const target = path.join(workspace, 'saved.csv');
    dialog.saveAnswers.push(target);
    expect(await invoke(window, 'export.save', { file })).toEqual({ ok: true, value: { saved: target } });
    expect(dialog.saving.at(-1)?.defaultPath).toMatch(/order-events\.csv$/);
    expect(dialog.saving.at(-1)?.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    const text = await readFile(target, 'utf8');
    expect(text.split('\n')[0]).toBe('position,time,stream,revision,type,id,data.total');
    expect(text).toMatch(/^# eventfold \{"eventfold":"eventfold-stamp"/m);
    expect(await invoke(window, 'export.save', { file })).toEqual({ ok: true, value: { saved: null } });
  });

  it('stops serving a window once it is closed, and lets go of its folder', async () => {
    const shop = await eventFolder('shop');
    const desktop = await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;
    window.close();
    await desktop.windows.settled();
    expect(desktop.windows.count).toBe(0);
    const answer = await invoke(window, 'folder.current');
    expect(answer).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    expect(app.quitCount).toBe(1);
    // Released: a fresh store opens the folder for writing at once (no lease left behind).
    const store = await openEventStore(shop);
    try {
      await store.appendToStream('order-3', [{ type: 'OrderPlaced' }]);
    } finally {
      await store.close();
    }
  });
});

describe('a second launch', () => {
  it('opens the folder it names in a new window, resolving it against the second launch’s directory', async () => {
    const shop = await eventFolder('shop');
    const other = await eventFolder('other');
    const desktop = await start(['/opt/Eventfold/eventfold', shop]);
    app.emit('second-instance', {}, ['/opt/Eventfold/eventfold', '--folder', 'other'], workspace, null);
    await vi.waitFor(() => expect(windows()).toHaveLength(2));
    await vi.waitFor(async () => expect((await currentFolder(windows()[1]!))?.path).toBe(other));
    expect((await currentFolder(windows()[0]!))?.path).toBe(shop);
    expect(FakeBrowserWindow.focused).toBe(windows()[1]);
    await desktop.windows.settled();
  });

  it('prefers the folder the second instance worked out itself', async () => {
    const shop = await eventFolder('shop');
    const other = await eventFolder('other');
    const desktop = await start(['/opt/Eventfold/eventfold', shop]);
    await desktop.secondInstance(['/opt/Eventfold/eventfold'], '/', { folder: other });
    expect(windows()).toHaveLength(2);
    expect((await currentFolder(windows()[1]!))?.path).toBe(other);
  });

  it('without a folder brings the last used window to the front instead', async () => {
    const shop = await eventFolder('shop');
    const desktop = await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;
    window.minimized = true;
    await desktop.secondInstance(['/opt/Eventfold/eventfold'], workspace, { folder: null });
    expect(windows()).toHaveLength(1);
    expect(window.minimized).toBe(false);
    expect(window.focusCount).toBeGreaterThan(0);
  });
});

describe('a page that crashed', () => {
  it('is reloaded when the user asks, or its window closed', async () => {
    const shop = await eventFolder('shop');
    await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;
    expect(window.loads).toHaveLength(1);
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(window.loads).toHaveLength(2));
    expect(dialog.messages).toHaveLength(1);
    expect(dialog.messages[0]?.detail).toContain('crashed');
    expect((await currentFolder(window))?.path).toBe(shop);

    dialog.responses.push(1);
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    await vi.waitFor(() => expect(window.isDestroyed()).toBe(true));
    expect(window.loads).toHaveLength(2);
  });
});

describe('macOS', () => {
  it('opens a folder dropped on the dock icon in a new window, and the journal when the dock is clicked with none open', async () => {
    const shop = await eventFolder('shop');
    const other = await eventFolder('other');
    const desktop = await start(['/opt/Eventfold/eventfold', shop]);
    const dropped = { preventDefault: vi.fn() };
    app.emit('open-file', dropped, other);
    expect(dropped.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(windows()).toHaveLength(2));
    await vi.waitFor(async () => expect((await currentFolder(windows()[1]!))?.path).toBe(other));

    for (const window of windows()) window.close();
    await desktop.windows.settled();
    app.emit('activate');
    await vi.waitFor(() => expect(windows()).toHaveLength(1));
    await vi.waitFor(async () =>
      expect((await currentFolder(windows()[0]!))?.path).toBe(path.join(userData, 'Journal')),
    );
  });
});

describe("a journal's attachments in the desktop app", () => {
  it('are served to its pages through the eventfold-attachment protocol, checked, sandboxed, as the api names them', async () => {
    await start(['/opt/Eventfold/eventfold']);
    expect(protocol.privileged).toStrictEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      {
        scheme: 'eventfold-attachment',
        privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
      },
    ]);
    const window = windows()[0]!;
    const bytes = Buffer.from('GIF89a pretend');
    const call = async (name: string, arg: unknown) => {
      const answer = await invoke(window, name, arg);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value;
    };
    await call('journal.upload.begin', {
      upload: 'u1',
      name: 'cat.gif',
      mediaType: 'image/gif',
      size: bytes.length,
    });
    await call('journal.upload.chunk', { upload: 'u1', offset: 0, data: bytes.toString('base64') });
    const ref = (await call('journal.upload.finish', { upload: 'u1' })) as { sha256: string };
    const { url } = (await call('journal.attachment.url', {
      sha256: ref.sha256,
      mediaType: 'image/gif',
      name: 'cat.gif',
    })) as {
      url: string;
    };
    expect(url).toMatch(
      /^eventfold-attachment:\/\/[0-9a-f-]{36}\/[0-9a-f]{64}\?type=image%2Fgif&name=cat.gif$/,
    );

    const shown = await protocol.fetch(url);
    expect(shown.status).toBe(200);
    expect(Buffer.from(await shown.arrayBuffer()).equals(bytes)).toBe(true);
    expect(shown.headers.get('content-type')).toBe('image/gif');
    expect(shown.headers.get('content-security-policy')).toBe('sandbox');
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await protocol.fetch(url.replace('image%2Fgif', 'text%2Fhtml'));
    expect(page.headers.get('content-type')).toBe('application/octet-stream');
    const elsewhere = await protocol.fetch(url.replace(/\/\/[0-9a-f-]{36}\//, '//not-open/'));
    expect(elsewhere.status).toBe(404);
  });
});

describe('window state', () => {
  it('remembers size and position when a window closes and restores them on the next start', async () => {
    const shop = await eventFolder('shop');
    await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;
    window.bounds = { x: 300, y: 200, width: 1000, height: 700 };
    window.close();
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8')) as unknown;
      expect(saved).toEqual({ window: { bounds: window.bounds, maximized: false } });
    });

    resetFakeElectron(userData);
    await start(['/opt/Eventfold/eventfold', shop]);
    expect(windows()[0]!.options).toMatchObject({ x: 300, y: 200, width: 1000, height: 700 });
  });

  it('does not put a window back on a screen that is no longer attached', async () => {
    await mkdir(userData, { recursive: true });
    const saved = { window: { bounds: { x: 2500, y: 100, width: 1000, height: 700 }, maximized: true } };
    await writeFile(path.join(userData, 'settings.json'), JSON.stringify(saved));
    screen.workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }];
    await start(['/opt/Eventfold/eventfold']);
    const window = windows()[0]!;
    expect(window.options.x).toBeUndefined();
    expect(window.options.y).toBeUndefined();
    expect(window.options).toMatchObject({ width: 1000, height: 700 });
    expect(window.maximized).toBe(true);
  });

  it('starts with defaults when the settings file is damaged', async () => {
    await mkdir(userData, { recursive: true });
    await writeFile(path.join(userData, 'settings.json'), '{"window": {"bounds": ');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await start(['/opt/Eventfold/eventfold']);
    warn.mockRestore();
    expect(windows()[0]!.options).toMatchObject({ width: 1200, height: 780 });
  });
});

describe('the menu', () => {
  const menuItem = (path: string): MenuItemConstructorOptions | undefined => {
    let items = Menu.current?.template ?? [];
    let found: MenuItemConstructorOptions | undefined;
    for (const label of path.split(' > ')) {
      found = items.find((entry) => entry.label?.replace('&', '').startsWith(label));
      items = Array.isArray(found?.submenu) ? found.submenu : [];
    }
    return found;
  };
  const click = (path: string): void => {
    const entry = menuItem(path);
    if (typeof entry?.click !== 'function') throw new Error(`no menu item ${path}`);
    (entry.click as () => void)();
  };

  it('sends page actions to the focused window as app.command pushes', async () => {
    const shop = await eventFolder('shop');
    const other = await eventFolder('other');
    const desktop = await start(['/opt/Eventfold/eventfold', shop]);
    await desktop.secondInstance([], workspace, { folder: other });
    const [first, second] = windows() as [FakeBrowserWindow, FakeBrowserWindow];
    first.focus();
    click('Events > Toggle Live');
    second.focus();
    click('View > Focus Filter');
    const commands = (window: FakeBrowserWindow): unknown[] =>
      window.webContents
        .pushes()
        .filter(([name]) => name === 'app.command')
        .map(([, payload]) => payload);
    expect(commands(first)).toEqual([{ command: 'toggle-live' }]);
    expect(commands(second)).toEqual([{ command: 'focus-filter' }]);
  });

  it('opens the folder chosen in the dialog in the window in use, and lists it under Open Recent', async () => {
    const shop = await eventFolder('shop');
    const other = await eventFolder('other');
    await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;
    window.focus();
    dialog.answers.push(other);
    click('File > Open Folder…');
    await vi.waitFor(async () => expect((await currentFolder(window))?.path).toBe(other));
    expect(windows()).toHaveLength(1);
    expect(dialog.opened.at(-1)?.properties).toContain('openDirectory');
    await vi.waitFor(() =>
      expect(
        (menuItem('File > Open Recent')?.submenu as MenuItemConstructorOptions[]).map((entry) => entry.label),
      ).toEqual([`other — ${other}`, `shop — ${shop}`]),
    );

    click('File > Open Recent > shop');
    await vi.waitFor(async () => expect((await currentFolder(window))?.path).toBe(shop));
  });

  it('makes a new event folder where the user chose and shows it', async () => {
    const shop = await eventFolder('shop');
    await start(['/opt/Eventfold/eventfold', shop]);
    const window = windows()[0]!;
    window.focus();
    const fresh = path.join(workspace, 'fresh');
    dialog.answers.push(fresh);
    click('File > New Event Folder…');
    await vi.waitFor(async () => expect((await currentFolder(window))?.path).toBe(fresh));
    expect(existsSync(path.join(fresh, 'eventfold.json'))).toBe(true);
    expect(dialog.opened.at(-1)).toMatchObject({ title: 'New Event Folder' });

    dialog.answers.push(shop);
    click('File > New Event Folder…');
    await vi.waitFor(() => expect(dialog.messages.at(-1)?.message).toContain(shop));
    expect((await currentFolder(window))?.path).toBe(fresh);
  });
});
