import { nativeTheme, type BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE } from './window-bounds.js';

/** Matches the renderer's --surface colours, so the window never flashes the wrong theme while loading. */
const BACKGROUND = { light: '#f6f7f9', dark: '#14161b' } as const;

/**
 * Every window Eventfold opens. The renderer reaches the machine only through the preload's closed contract,
 * so Node stays out of the page and the page runs in Chromium's sandbox.
 */
export function createWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Eventfold',
    ...DEFAULT_SIZE,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
