import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pushNames, requestNames, type Answer, type EventfoldBridge } from '../../shared/contract.js';

type PushHandler = (event: unknown, name: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => {
  const pushHandlers: { channel: string; handler: PushHandler }[] = [];
  return {
    pushHandlers,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn<(channel: string, name: string, arg: unknown) => Promise<unknown>>(),
      on: vi.fn((channel: string, handler: PushHandler) => {
        pushHandlers.push({ channel, handler });
      }),
    },
    webUtils: { getPathForFile: vi.fn((file: { name: string }) => `/dropped/${file.name}`) },
  };
});
vi.mock('electron', () => electron);

// The preload listens on the page's document for dropped folders; here a bare event target stands in.
const page = new EventTarget();
vi.stubGlobal('document', page);

await import('../../electron/preload/index.js');

const [[worldKey, exposed] = []] = electron.contextBridge.exposeInMainWorld.mock.calls as [string, unknown][];
const bridge = exposed as EventfoldBridge;

/** What the main process sends on `eventfold:push`, as the IpcRendererEvent-first call Electron makes. */
function pushFromMain(name: unknown, payload: unknown): void {
  const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
  for (const { channel, handler } of electron.pushHandlers) {
    if (channel === 'eventfold:push') handler(ipcEvent, name, payload);
  }
}

function dragEvent(
  type: 'drop' | 'dragover',
  transfer: { types: string[]; files: File[] } | null,
): Event & { dataTransfer: { dropEffect: string } | null } {
  const event = new Event(type, { cancelable: true });
  return Object.assign(event, { dataTransfer: transfer && { ...transfer, dropEffect: 'none' } });
}

const ok = (value: unknown): Answer<unknown> => ({ ok: true, value });

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
});

describe('window.eventfold', () => {
  it('is one closed object with exactly invoke and on', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(worldKey).toBe('eventfold');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('forwards every request of the contract on eventfold:invoke and hands back the answer', async () => {
    for (const name of requestNames) {
      electron.ipcRenderer.invoke.mockResolvedValueOnce(ok(name));
      expect(await bridge.invoke(name, { some: 'arg' })).toEqual(ok(name));
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('eventfold:invoke', name, { some: 'arg' });
    }
  });

  it('refuses names outside the contract before they reach IPC', async () => {
    for (const name of ['fs.readFile', 'constructor', '__proto__', 'toString', '', 42, null, undefined]) {
      const answer = await bridge.invoke(name as never, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a request that cannot be sent into an error answer', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    const answer = await bridge.invoke('folder.open', { path: () => '/' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'BadRequest', message: expect.stringContaining('could not be cloned') as unknown },
    });
  });

  it('delivers pushes of the contract to their listeners, payload only, until unsubscribed', () => {
    const appended = vi.fn();
    const changed = vi.fn();
    const stopAppended = bridge.on('log.appended', appended);
    bridge.on('folder.changed', changed);

    pushFromMain('log.appended', { firstPosition: 4, lastPosition: 6 });
    expect(appended).toHaveBeenCalledTimes(1);
    // Exactly one argument: the page never sees the IpcRendererEvent (its sender is ipcRenderer itself).
    expect(appended.mock.calls[0]).toEqual([{ firstPosition: 4, lastPosition: 6 }]);
    expect(changed).not.toHaveBeenCalled();

    stopAppended();
    pushFromMain('log.appended', { firstPosition: 7, lastPosition: 7 });
    expect(appended).toHaveBeenCalledTimes(1);
  });

  it('subscribes only to pushes the contract names, and ignores other names the main might send', () => {
    expect(() => bridge.on('ipc.raw' as never, () => undefined)).toThrow(
      /not a push of the Eventfold contract/,
    );
    expect(() => bridge.on('toString' as never, () => undefined)).toThrow(TypeError);
    const listeners = pushNames.map((name) => {
      const listener = vi.fn();
      const stop = bridge.on(name, listener);
      return { listener, stop };
    });
    pushFromMain('constructor', { evil: true });
    for (const { listener, stop } of listeners) {
      expect(listener).not.toHaveBeenCalled();
      stop();
    }
  });

  it('keeps delivering to the other listeners when one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = vi.fn();
    const stops = [
      bridge.on('app.error', () => {
        throw new Error('page bug');
      }),
      bridge.on('app.error', second),
    ];
    pushFromMain('app.error', { message: 'watcher failed' });
    expect(second).toHaveBeenCalledWith({ message: 'watcher failed' });
    for (const stop of stops) stop();
    error.mockRestore();
  });
});

describe('dropping a folder on the window', () => {
  it('opens it in this window through folder.open', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce(ok({ path: '/dropped/shop' }));
    const over = dragEvent('dragover', { types: ['Files'], files: [] });
    page.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    expect(over.dataTransfer?.dropEffect).toBe('copy');

    const drop = dragEvent('drop', { types: ['Files'], files: [new File([], 'shop')] });
    page.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await vi.waitFor(() =>
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('eventfold:invoke', 'folder.open', {
        path: '/dropped/shop',
      }),
    );
  });

  it('tells the page why a dropped folder could not be opened', async () => {
    const errors = vi.fn();
    const stop = bridge.on('app.error', errors);
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'NotAnEventFolder', message: '/dropped/photos is not an event folder' },
    });
    page.dispatchEvent(dragEvent('drop', { types: ['Files'], files: [new File([], 'photos')] }));
    await vi.waitFor(() =>
      expect(errors).toHaveBeenCalledWith({ message: '/dropped/photos is not an event folder' }),
    );

    electron.webUtils.getPathForFile.mockReturnValueOnce('');
    page.dispatchEvent(dragEvent('drop', { types: ['Files'], files: [new File([], 'pasted.txt')] }));
    expect(errors).toHaveBeenLastCalledWith({ message: '“pasted.txt” is not a folder on this computer' });
    stop();
  });

  it('leaves drags without files, and drops the page handled itself, alone', () => {
    const text = dragEvent('dragover', { types: ['text/plain'], files: [] });
    page.dispatchEvent(text);
    expect(text.defaultPrevented).toBe(false);
    page.dispatchEvent(dragEvent('drop', { types: ['text/plain'], files: [] }));
    page.dispatchEvent(dragEvent('drop', null));

    const handled = dragEvent('drop', { types: ['Files'], files: [new File([], 'shop')] });
    handled.preventDefault();
    page.dispatchEvent(handled);
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});
