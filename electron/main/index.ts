import path from 'node:path';
import { app, BrowserWindow, session, type WebContents } from 'electron';
import { launchFolder } from '../serve/launch-folder.js';
import { isSameDocument } from './navigation-policy.js';
import { createWindowOptions } from './window-options.js';

const here = import.meta.dirname;

// Every renderer gets Chromium's sandbox, including any a later feature forgets to configure.
app.enableSandbox();

// Two app processes on one folder would each run their own watchers and projections; one is enough.
if (app.requestSingleInstanceLock()) {
  start(launchFolder(process.argv));
} else {
  app.quit();
}

function start(folder: string): void {
  let mainWindow: BrowserWindow | undefined;

  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    mainWindow = await openWindow(folder);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow(folder).then((w) => (mainWindow = w));
    });
  });
}

async function openWindow(folder: string): Promise<BrowserWindow> {
  const window = new BrowserWindow(createWindowOptions(path.join(here, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  const query = { folder };
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) {
    await window.loadURL(`${devServer}?${new URLSearchParams(query).toString()}`);
  } else {
    await window.loadFile(path.join(here, '../renderer/index.html'), { query });
  }
  return window;
}

/** No page may navigate away, open windows or embed webviews: the app shows its own renderer and nothing else. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isSameDocument(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isSameDocument(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
