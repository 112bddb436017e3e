import path from 'node:path';
import { app, dialog } from 'electron';
import { pageSource } from './app-page.js';
import { startDesktopApp } from './desktop-app.js';

const here = import.meta.dirname;

// An installed app shows its own build whatever the environment says (see pageSource).
const page = pageSource({
  rendererDir: path.join(here, '../renderer'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  isPackaged: app.isPackaged,
});

startDesktopApp({
  argv: process.argv,
  cwd: process.cwd(),
  defaultApp: process.defaultApp === true,
  platform: process.platform,
  dev: page.kind === 'dev-server',
  page,
  preload: path.join(here, '../preload/index.cjs'),
}).catch((error: unknown) => {
  dialog.showErrorBox(
    'Eventfold could not start',
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  app.exit(1);
});
