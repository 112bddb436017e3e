import path from 'node:path';
import { app, ipcMain, Menu, protocol, session, shell } from 'electron';
import { ipcChannels, type AppCommand } from '../../shared/contract.js';
import { FolderRegistry, RECENT_FOLDERS_FILE, RecentFolders } from '../api/index.js';
import { SandboxPool } from '../projections/index.js';
import { JOURNAL_FOLDER_NAME } from '../serve/default-journal-folder.js';
import { appMenuTemplate, type MenuActions } from './app-menu.js';
import { attachmentScheme, serveAttachments } from './attachment-protocol.js';
import type { PageSource } from './app-page.js';
import { appScheme, serveAppScheme } from './app-protocol.js';
import { AppSettings } from './app-settings.js';
import { AppWindows } from './app-windows.js';
import { folderFromCommandLine } from './command-line.js';
import { denyAllPermissions, lockDownContents } from './content-lockdown.js';
import { ensureDefaultJournal } from './default-journal.js';
import { chooseFolder } from './folder-dialog.js';
import { utilitySpawner } from './sandbox-spawner.js';
import { createInvokeHandler, type InvokeHandler } from './invoke-handler.js';

export interface DesktopConfig {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** Started as `electron APP_PATH` (development, tests) rather than as the packaged app. */
  readonly defaultApp: boolean;
  readonly platform: NodeJS.Platform;
  /** Development build: Reload and developer tools in the menu. */
  readonly dev: boolean;
  readonly page: PageSource;
  readonly preload: string;
}

/** What a second launch tells the running app (app.requestSingleInstanceLock's additional data). */
interface LaunchRequest {
  readonly folder: string | null;
}

/**
 * The running desktop app once Electron is ready: its windows, its menu, and what a menu item, a second
 * launch or a dropped folder does.
 */
export class DesktopApp {
  readonly windows: AppWindows;
  /** The folders open in the app's windows, one store each however many windows show it. */
  // Projection code runs in utility processes of its own, never in this (the main) process.
  readonly registry = new FolderRegistry({ sandbox: new SandboxPool(utilitySpawner, { spare: true }) });
  /** `<userData>/Journal`: what opens when no folder is named. */
  readonly journal: string;
  private readonly recent: RecentFolders;
  private menuRefresh: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: DesktopConfig,
    userData: string,
    settings: AppSettings,
  ) {
    this.recent = new RecentFolders(path.join(userData, RECENT_FOLDERS_FILE));
    this.windows = new AppWindows({
      registry: this.registry,
      recent: this.recent,
      settings,
      page: config.page,
      preload: config.preload,
      onRecentChanged: () => void this.refreshMenu(),
    });
    this.journal = path.join(userData, JOURNAL_FOLDER_NAME);
  }

  /** The handler of `eventfold:invoke`, for ipcMain. */
  invokeHandler(): InvokeHandler {
    return createInvokeHandler({
      page: this.config.page,
      sessionOf: (contents) => this.windows.sessionOf(contents),
      afterFolderRequest: () => void this.refreshMenu(),
    });
  }

  /** The first window: the folder named on the command line, else the default journal (made on first start). */
  async launch(folder: string | undefined): Promise<void> {
    await this.refreshMenu();
    // `npm start` names the journal explicitly; it is still the journal, made on first start.
    const journal = folder === undefined || path.resolve(folder) === this.journal;
    await this.windows.open(journal ? await this.journalFolder() : folder);
  }

  /**
   * Someone launched Eventfold again while it runs. A launch naming a folder gets a new window on it; a
   * bare launch brings the app to the front.
   */
  async secondInstance(argv: readonly string[], workingDirectory: string, data: unknown): Promise<void> {
    const request = data as Partial<LaunchRequest> | null | undefined;
    const folder =
      typeof request?.folder === 'string'
        ? request.folder
        : folderFromCommandLine(argv, { cwd: workingDirectory, defaultApp: this.config.defaultApp });
    if (folder !== undefined) {
      const entry = await this.windows.open(folder);
      entry.window.focus();
      return;
    }
    if (!this.windows.focusCurrent()) await this.windows.open(await this.journalFolder());
  }

  /** A window for the default journal when the app has none (macOS dock click). */
  async reopen(): Promise<void> {
    if (this.windows.count === 0) await this.windows.open(await this.journalFolder());
  }

  readonly menuActions: MenuActions = {
    newFolder: () => void this.newFolder(),
    openFolder: () => void this.openFolder(),
    openRecent: (folder) => void this.openIn(folder),
    command: (command) => this.command(command),
  };

  /** Rebuilds the menu, whose Open Recent lists the recent folders as they are on disk now. */
  refreshMenu(): Promise<void> {
    this.menuRefresh = this.menuRefresh.then(async () => {
      const recent = await this.recent.list().catch(() => []);
      const template = appMenuTemplate(
        { platform: this.config.platform, dev: this.config.dev, appName: app.getName(), recent },
        this.menuActions,
      );
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    });
    return this.menuRefresh;
  }

  private command(command: AppCommand): void {
    const entry = this.windows.current();
    if (entry) this.windows.push(entry, 'app.command', { command });
  }

  private async openFolder(): Promise<void> {
    const folder = await chooseFolder(this.windows.current()?.window, 'open');
    if (folder !== null) await this.openIn(folder);
  }

  /** Opens a folder in the window the user is in, or in a new one when there is none. */
  private async openIn(folder: string): Promise<void> {
    const entry = this.windows.current();
    if (entry) await this.windows.openFolder(entry, folder);
    else await this.windows.open(folder);
  }

  private async newFolder(): Promise<void> {
    const entry = this.windows.current() ?? (await this.windows.open());
    await this.windows.createFolder(entry);
  }

  private async journalFolder(): Promise<string> {
    try {
      await ensureDefaultJournal(this.journal);
    } catch (error) {
      // Opening it anyway shows the user what is wrong with it.
      this.windows.showError(
        undefined,
        `Eventfold could not create its journal folder ${this.journal}`,
        error,
      );
    }
    return this.journal;
  }
}

/**
 * The Electron lifecycle: one app process (a second launch hands its folder over and exits), sandboxed
 * and locked-down pages, the IPC handler, and the first window once Electron is ready. Resolves with the
 * running app, or undefined in a second instance that handed over.
 */
export async function startDesktopApp(config: DesktopConfig): Promise<DesktopApp | undefined> {
  // Every renderer gets Chromium's sandbox, including any a later feature forgets to configure.
  app.enableSandbox();
  // Before ready, or Electron ignores it, and in one call: a later call replaces the schemes of an earlier
  // one. The page is served from app://eventfold/ (not file://); a journal's files from eventfold-attachment:.
  protocol.registerSchemesAsPrivileged([appScheme, attachmentScheme]);
  const userDataOverride = process.env.EVENTFOLD_USER_DATA;
  if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

  const launchFolder = folderFromCommandLine(config.argv, { cwd: config.cwd, defaultApp: config.defaultApp });
  const request: LaunchRequest = { folder: launchFolder ?? null };
  if (!app.requestSingleInstanceLock(request)) {
    app.quit();
    return undefined;
  }

  // Folders handed to the app (macOS "Open With", a drop on the dock icon) before its first window.
  const early: string[] = [];
  let launched = false;
  const ready = app.whenReady().then(() => createDesktopApp(config));
  // Events that arrive before Electron is ready wait for it.
  const whenReady = (work: (desktop: DesktopApp) => Promise<void>): void => {
    void ready.then(work);
  };

  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (launched) whenReady((desktop) => desktop.windows.open(file).then(() => undefined));
    else early.push(file);
  });
  app.on('web-contents-created', (_event, contents) =>
    lockDownContents(contents, (url) => void shell.openExternal(url)),
  );
  app.on('second-instance', (_event, argv, workingDirectory, data) => {
    whenReady((desktop) => desktop.secondInstance(argv, workingDirectory, data));
  });
  app.on('window-all-closed', () => {
    if (config.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => whenReady((desktop) => desktop.reopen()));

  const desktop = await ready;
  app.on('will-quit', (event) => {
    // Let every window's folder close cleanly (watchers, index cache) before the process ends.
    if (!desktop.windows.disposing) return;
    event.preventDefault();
    void desktop.windows.settled().then(() => app.quit());
  });
  await desktop.launch(launchFolder ?? early.shift());
  launched = true;
  for (const file of early.splice(0)) await desktop.windows.open(file);
  return desktop;
}

async function createDesktopApp(config: DesktopConfig): Promise<DesktopApp> {
  denyAllPermissions(session.defaultSession);
  if (config.page.kind === 'app') serveAppScheme(config.page.root);
  app.setAboutPanelOptions({
    applicationName: 'Eventfold',
    applicationVersion: app.getVersion(),
    copyright: 'Copyright © Eventfold contributors',
  });
  const userData = app.getPath('userData');
  const settings = await AppSettings.load(path.join(userData, 'settings.json'));
  const desktop = new DesktopApp(config, userData, settings);
  ipcMain.handle(ipcChannels.invoke, desktop.invokeHandler());
  serveAttachments(desktop.registry);
  return desktop;
}
