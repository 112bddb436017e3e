import { describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const exposeInMainWorld = vi.hoisted(() => vi.fn());
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld } }));

await import('../../electron/preload/index.js');

describe('preload', () => {
  it('exposes one closed object, window.eventfold, with exactly the expected names', () => {
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('eventfold');
    expect(Object.keys(api).sort()).toEqual(['platform', 'version']);
    expect(api).toEqual({ version: packageJson.version, platform: process.platform });
  });

  it('exposes no functions, so the page cannot reach ipcRenderer or Node through it', () => {
    const [, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(Object.values(api).every((value) => typeof value === 'string')).toBe(true);
  });
});
