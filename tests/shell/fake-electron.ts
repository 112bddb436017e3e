/**
 * A stand-in for the `electron` module, for `vi.mock('electron')` (the one mock the project allows): the
 * Electron binary cannot run here. It keeps what the shell did (windows, their loaded pages, pushes, menus,
 * dialogs) so tests can assert on it, and lets tests play the user (focus, close, answer a dialog).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { appMenuTemplate } from '../../electron/main/app-menu.js';
import type { folderDialogOptions } from '../../electron/main/folder-dialog.js';
import type { Bounds } from '../../electron/main/window-bounds.js';

// Electron's own types, reached through the shell's signatures (tests may not import electron).
type MenuItemConstructorOptions = ReturnType<typeof appMenuTemplate>[number];
type OpenDialogOptions = ReturnType<typeof folderDialogOptions>;
type Rectangle = Bounds;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null };
  /** Every webContents.send: [channel, ...args]. */
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** The pushes this page received, as [name, payload]. */
  pushes(): [string, unknown][] {
    return this.sent
      .filter(([channel]) => channel === 'eventfold:push')
      .map(([, name, payload]) => [name as string, payload]);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;

  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((window) => !window.destroyed);
  }

  readonly webContents = new FakeWebContents();
  bounds: Rectangle;
  maximized = false;
  minimized = false;
  visible = false;
  destroyed = false;
  focusCount = 0;

  constructor(readonly options: Record<string, unknown>) {
    super();
    const number = (key: string, fallback: number): number =>
      typeof options[key] === 'number' ? options[key] : fallback;
    this.bounds = {
      x: number('x', 100),
      y: number('y', 100),
      width: number('width', 800),
      height: number('height', 600),
    };
    FakeBrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }

  async loadFile(file: string): Promise<void> {
    await this.load(new URL(`file://${file}`).href);
  }

  async loadURL(url: string): Promise<void> {
    await this.load(url);
  }

  /** Every page load, in order. */
  readonly loads: string[] = [];

  private async load(url: string): Promise<void> {
    this.loads.push(url);
    await Promise.resolve();
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  }

  show(): void {
    const shown = !this.visible;
    this.visible = true;
    if (shown) this.emit('show');
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    this.focusCount++;
    FakeBrowserWindow.focused = this;
    this.emit('focus');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
  getPosition(): number[] {
    return [this.bounds.x, this.bounds.y];
  }
  getSize(): number[] {
    return [this.bounds.width, this.bounds.height];
  }

  /** The user closes the window. */
  close(): void {
    this.emit('close', { preventDefault: () => undefined });
    this.destroyed = true;
    this.webContents.destroyed = true;
    if (FakeBrowserWindow.focused === this) FakeBrowserWindow.focused = null;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

class FakeApp extends EventEmitter {
  paths = new Map<string, string>();
  /** An installed app (true) or `electron .` in a checkout (false). */
  isPackaged = false;
  singleInstance = true;
  lockData: unknown;
  quitCount = 0;
  sandboxed = false;
  aboutOptions: unknown;

  enableSandbox(): void {
    this.sandboxed = true;
  }
  requestSingleInstanceLock(data?: unknown): boolean {
    this.lockData = data;
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`fake app: no path for ${name}`);
    return value;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getName(): string {
    return 'Eventfold';
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  setAboutPanelOptions(options: unknown): void {
    this.aboutOptions = options;
  }
  quit(): void {
    this.quitCount++;
  }
  exit(): void {
    this.quitCount++;
  }
}

export const app = new FakeApp();

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcMain.handlers.set(channel, handler);
  },
};

export interface FakeMenu {
  readonly template: MenuItemConstructorOptions[];
}

export const Menu = {
  current: undefined as FakeMenu | undefined,
  buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    return { template };
  },
  setApplicationMenu(menu: FakeMenu | null): void {
    Menu.current = menu ?? undefined;
  },
};

export const dialog = {
  /** What the next showOpenDialog answers: a path, or null for Cancel. */
  answers: [] as (string | null)[],
  opened: [] as OpenDialogOptions[],
  messages: [] as { message: string; detail?: string }[],
  /** Which button the next showMessageBox answers (0 when none is queued). */
  responses: [] as number[],
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    dialog.opened.push(args.at(-1) as OpenDialogOptions);
    const answer = dialog.answers.shift() ?? null;
    return Promise.resolve(
      answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] },
    );
  },
  /** What the next showSaveDialog answers: a path, or null for Cancel. */
  saveAnswers: [] as (string | null)[],
  saving: [] as { defaultPath?: string; filters?: { name: string; extensions: string[] }[] }[],
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    dialog.saving.push(args.at(-1) as { defaultPath?: string });
    const answer = dialog.saveAnswers.shift() ?? null;
    return Promise.resolve(
      answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer },
    );
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    dialog.messages.push(args.at(-1) as { message: string; detail?: string });
    return Promise.resolve({ response: dialog.responses.shift() ?? 0 });
  },
  showErrorBox(message: string, detail: string): void {
    dialog.messages.push({ message, detail });
  },
};

export const screen = {
  workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }] as Rectangle[],
  getAllDisplays(): { workArea: Rectangle }[] {
    return screen.workAreas.map((workArea) => ({ workArea }));
  },
};

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

class FakeSession {
  permissionRequest: PermissionRequestHandler | undefined;
  permissionCheck: (() => boolean) | undefined;
  devicePermission: (() => boolean) | undefined;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: () => boolean): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.devicePermission = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** Schemes registered before ready (with their privileges) and handlers installed after it. */
export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  registered: false,
  handlers: new Map<string, ProtocolHandler>(),
  /** Electron takes one call, before ready: a second one would replace the first one's schemes. */
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (protocol.registered)
      throw new Error('registerSchemesAsPrivileged called twice: the first call is lost');
    protocol.registered = true;
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (protocol.handlers.has(scheme)) throw new Error(`second handler for ${scheme}:`);
    protocol.handlers.set(scheme, handler);
  },
  /** What the page would get for `url` (a GET), as Chromium would ask the handler. */
  async fetch(url: string, method = 'GET'): Promise<Response> {
    const handler = protocol.handlers.get(new URL(url).protocol.slice(0, -1));
    if (handler === undefined) throw new Error(`no handler for ${url}`);
    return handler(new Request(url, { method }));
  },
};

export const nativeTheme = { shouldUseDarkColors: false };

/** Where a module of the source tree is compiled (npm run build:node): what the desktop bundle would hold. */
function compiled(modulePath: string): string {
  if (existsSync(modulePath)) return modulePath;
  const root = path.resolve(import.meta.dirname, '../..');
  return path.join(root, 'dist', path.relative(root, modulePath));
}

/**
 * A utility process: a real Node process running the module with the execArgv it was given (so the flags
 * are checked for real), its stdout and stderr piped as `stdio: 'pipe'` pipes them. A real utility
 * process receives postMessage on its parentPort; this one receives the same bytes on its stdin, which the
 * sandbox reads when it has no parentPort.
 */
export class FakeUtilityProcess extends EventEmitter {
  static forks: {
    modulePath: string;
    args: string[];
    options: Record<string, unknown>;
    process: FakeUtilityProcess;
  }[] = [];
  readonly child: ChildProcessWithoutNullStreams;
  pid: number | undefined;

  constructor(modulePath: string, args: string[], options: Record<string, unknown>) {
    super();
    const execArgv = (options.execArgv as string[] | undefined) ?? [];
    this.child = spawn(process.execPath, [...execArgv, compiled(modulePath), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env as NodeJS.ProcessEnv,
    });
    this.child.stdin.on('error', () => undefined);
    this.child.once('spawn', () => {
      this.pid = this.child.pid;
      this.emit('spawn');
    });
    this.child.once('exit', (code) => {
      this.pid = undefined;
      this.emit('exit', code ?? 1);
    });
  }

  get stdout(): NodeJS.ReadableStream {
    return this.child.stdout;
  }

  get stderr(): NodeJS.ReadableStream {
    return this.child.stderr;
  }

  postMessage(message: unknown): void {
    this.child.stdin.write(message);
  }

  kill(): boolean {
    return this.child.kill();
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    const forked = new FakeUtilityProcess(modulePath, args, options);
    FakeUtilityProcess.forks.push({ modulePath, args, options, process: forked });
    return forked;
  },
};

/** The system's own programs: the links handed to them, in order. */
export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

/** Forgets everything a previous test did. */
export function resetFakeElectron(userData: string): void {
  app.removeAllListeners();
  app.paths = new Map([['userData', userData]]);
  app.singleInstance = true;
  app.lockData = undefined;
  app.quitCount = 0;
  app.isPackaged = false;
  FakeBrowserWindow.all = [];
  FakeBrowserWindow.focused = null;
  ipcMain.handlers.clear();
  Menu.current = undefined;
  dialog.answers = [];
  dialog.opened = [];
  dialog.messages = [];
  dialog.responses = [];
  dialog.saveAnswers = [];
  dialog.saving = [];
  screen.workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  FakeUtilityProcess.forks = [];
  protocol.privileged = [];
  protocol.registered = false;
  protocol.handlers.clear();
  shell.opened = [];
}

export const electron = {
  utilityProcess,
  app,
  ipcMain,
  BrowserWindow: FakeBrowserWindow,
  Menu,
  dialog,
  screen,
  session,
  nativeTheme,
  protocol,
  shell,
};
