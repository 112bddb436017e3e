import path from 'node:path';
import { app, dialog } from 'electron';
import { pageSource } from './app-page.js';
import { startDesktopApp } from './desktop-app.js';

const here = import.meta.dirname;

startDesktopApp({
  argv: process.argv,
  cwd: process.cwd(),
  defaultApp: process.defaultApp === true,
  platform: process.platform,
  dev: Boolean(process.env.ELECTRON_RENDERER_URL),
  page: pageSource(path.join(here, '../renderer/index.html'), process.env.ELECTRON_RENDERER_URL),
  preload: path.join(here, '../preload/index.cjs'),
}).catch((error: unknown) => {
  dialog.showErrorBox(
    'Eventfold could not start',
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  app.exit(1);
});
