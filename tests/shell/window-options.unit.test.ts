import { describe, expect, it, vi } from 'vitest';

const theme = vi.hoisted(() => ({ shouldUseDarkColors: false }));
vi.mock('electron', () => ({ nativeTheme: theme }));

const { createWindowOptions } = await import('../../electron/main/window-options.js');

describe('createWindowOptions', () => {
  it('keeps Node out of the page and the page in the sandbox', () => {
    const { webPreferences } = createWindowOptions('/app/out/preload/index.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('waits for the first paint and starts on the system theme colour', () => {
    theme.shouldUseDarkColors = false;
    const light = createWindowOptions('/p.cjs');
    theme.shouldUseDarkColors = true;
    const dark = createWindowOptions('/p.cjs');
    expect(light.show).toBe(false);
    expect(light.backgroundColor).not.toBe(dark.backgroundColor);
  });
});
