import os from 'node:os';
import {
  BrowserWindow,
  dialog,
  screen,
  type BrowserWindowConstructorOptions,
  type WebContents,
} from 'electron';
import { ipcChannels, type PushEvents, type PushName } from '../../shared/contract.js';
import { createApiSession, type ApiSession, type FolderRegistry, type RecentFolders } from '../api/index.js';
import type { PageSource } from './app-page.js';
import type { AppSettings } from './app-settings.js';
import { chooseFolder } from './folder-dialog.js';
import { chooseSavePath } from './save-dialog.js';
import { chooseImportFile } from './import-dialog.js';
import { placeWindow, type Bounds } from './window-bounds.js';
import { createWindowOptions } from './window-options.js';

export interface AppWindowsOptions {
  readonly registry: FolderRegistry;
  readonly recent: RecentFolders;
  readonly settings: AppSettings;
  readonly page: PageSource;
  readonly preload: string;
  /** The recent folders may have changed (a folder was opened): the menu shows them. */
  readonly onRecentChanged: () => void;
}

/** One window and the api session that serves its page. */
export interface AppWindow {
  readonly window: BrowserWindow;
  readonly session: ApiSession;
}

/** How far a new window is moved from the one before it, so it does not hide it exactly. */
const CASCADE = 28;

/**
 * The app's windows: each has its own api session (its own current folder, log views and pushes), made
 * when the window opens and disposed when it closes.
 */
export class AppWindows {
  private readonly windows = new Map<number, AppWindow>();
  private lastFocused: AppWindow | undefined;
  private readonly disposals = new Set<Promise<void>>();

  constructor(private readonly options: AppWindowsOptions) {}

  /** The session serving the page in these web contents, if they are one of our windows. */
  sessionOf(contents: WebContents): ApiSession | undefined {
    return this.windows.get(contents.id)?.session;
  }

  get count(): number {
    return this.windows.size;
  }

  /** The focused window, else the one focused last. */
  current(): AppWindow | undefined {
    const focused = BrowserWindow.getFocusedWindow();
    const entry = focused ? this.windows.get(focused.webContents.id) : undefined;
    return entry ?? this.lastFocused;
  }

  /** Brings the last used window to the front; false when there is none. */
  focusCurrent(): boolean {
    const entry = this.current();
    if (!entry) return false;
    if (entry.window.isMinimized()) entry.window.restore();
    entry.window.show();
    entry.window.focus();
    return true;
  }

  /** Sends a push to one window's page. */
  push<P extends PushName>(entry: AppWindow, name: P, payload: PushEvents[P]): void {
    if (!entry.window.isDestroyed()) entry.window.webContents.send(ipcChannels.push, name, payload);
  }

  /** Opens a new window, showing `folder` when one is given. */
  async open(folder?: string): Promise<AppWindow> {
    const previous = this.current();
    const window = new BrowserWindow({
      ...createWindowOptions(this.options.preload),
      ...this.placement(previous),
    });
    const entry: AppWindow = {
      window,
      session: createApiSession({
        host: {
          mode: 'desktop',
          chooseFolder: (purpose) => chooseFolder(window, purpose),
          saveFile: (name) => chooseSavePath(window, name, os.homedir()),
          chooseImportFile: (from) => chooseImportFile(window, from),
        },
        registry: this.options.registry,
        recent: this.options.recent,
        push: (name, payload) => this.push(entry, name, payload),
      }),
    };
    const id = window.webContents.id;
    this.windows.set(id, entry);
    this.lastFocused = entry;
    window.on('focus', () => (this.lastFocused = entry));
    window.on('close', () => this.track(this.rememberState(window)));
    window.on('closed', () => this.forget(id, entry));
    window.once('ready-to-show', () => {
      if (this.options.settings.windowState?.maximized && !previous) window.maximize();
      window.show();
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason !== 'clean-exit') void this.offerReload(window, details.reason);
    });

    // The folder opens before the page loads, so the page's first `folder.current` already finds it.
    if (folder !== undefined) await this.openFolder(entry, folder);
    await this.load(window);
    return entry;
  }

  /** Shows `folder` in an existing window; a failure is shown to the user, the window keeps what it had. */
  async openFolder(entry: AppWindow, folder: string): Promise<boolean> {
    try {
      await entry.session.openFolder(folder);
      return true;
    } catch (error) {
      this.showError(entry, `Eventfold could not open ${folder}`, error);
      return false;
    } finally {
      this.options.onRecentChanged();
    }
  }

  /** Asks for a place and makes a new event folder there, shown in `entry`'s window. */
  async createFolder(entry: AppWindow): Promise<void> {
    const path = await chooseFolder(entry.window, 'create');
    if (path === null) return;
    const answer = await entry.session.dispatch('folder.create', { path });
    if (!answer.ok)
      this.showError(entry, `Eventfold could not make an event folder in ${path}`, answer.error);
    this.options.onRecentChanged();
  }

  /** Resolves when every closed window's session has let go of its folder. */
  async settled(): Promise<void> {
    while (this.disposals.size > 0) await Promise.allSettled([...this.disposals]);
  }

  get disposing(): boolean {
    return this.disposals.size > 0;
  }

  showError(entry: AppWindow | undefined, message: string, error: unknown): void {
    const detail =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
    const options = { type: 'error' as const, title: 'Eventfold', message, detail };
    const window = entry?.window;
    if (!window || window.isDestroyed()) {
      void dialog.showMessageBox(options);
    } else if (window.isVisible()) {
      void dialog.showMessageBox(window, options);
    } else {
      // A new window is still hidden until its first paint; a sheet on a hidden window is not seen.
      window.once('show', () => void dialog.showMessageBox(window, options));
    }
  }

  /**
   * The page's process died (a crash, out of memory): the window would stay blank. The folder is still
   * open in the main process, so a reload brings the page back where the folder is.
   */
  private async offerReload(window: BrowserWindow, reason: string): Promise<void> {
    if (window.isDestroyed()) return;
    const { response } = await dialog.showMessageBox(window, {
      type: 'error',
      title: 'Eventfold',
      message: 'This window’s page stopped working',
      detail: `Its process ended (${reason}). The folder is still open.`,
      buttons: ['Reload', 'Close Window'],
      defaultId: 0,
      cancelId: 1,
    });
    if (window.isDestroyed()) return;
    if (response === 0) await this.load(window);
    else window.close();
  }

  private async load(window: BrowserWindow): Promise<void> {
    const { page } = this.options;
    await window.loadURL(page.url);
  }

  /**
   * The first window comes back where it was left (if that is on a screen now); later ones cascade from
   * the window the user was in.
   */
  private placement(previous: AppWindow | undefined): Partial<BrowserWindowConstructorOptions> {
    const workAreas = screen.getAllDisplays().map((display) => display.workArea);
    const remembered =
      previous && !previous.window.isDestroyed()
        ? { bounds: offset(previous.window.getNormalBounds(), CASCADE) }
        : this.options.settings.windowState;
    const { maximized: _maximized, ...bounds } = placeWindow(remembered, workAreas);
    return bounds;
  }

  private async rememberState(window: BrowserWindow): Promise<void> {
    try {
      await this.options.settings.saveWindowState({
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
      });
    } catch (error) {
      console.warn(`Eventfold: could not remember the window's size: ${(error as Error).message}`);
    }
  }

  private forget(id: number, entry: AppWindow): void {
    this.windows.delete(id);
    if (this.lastFocused === entry) this.lastFocused = [...this.windows.values()].at(-1);
    this.track(
      entry.session.dispose().catch((error: unknown) => {
        console.error('Eventfold: closing a window’s folder failed', error);
      }),
    );
  }

  /** Work that must finish before the app quits (see settled()). */
  private track(work: Promise<void>): void {
    this.disposals.add(work);
    void work.finally(() => this.disposals.delete(work));
  }
}

function offset(bounds: Bounds, by: number): Bounds {
  return { ...bounds, x: bounds.x + by, y: bounds.y + by };
}
