import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventfoldApi, PushEvents } from '../../shared/contract.js';
import { connectApi } from '../../renderer/src/lib/api/connect.js';
import { ContractError } from '../../renderer/src/lib/api/contract-error.js';
import { SocketApi } from '../../renderer/src/lib/api/socket-api.js';
import { startBrowserMode, type RunningBrowserMode } from '../../electron/serve/browser-mode.js';
import { initEventFolder } from '../../electron/store/index.js';
import { makeTempDir, removeDir } from '../store/temp-folders.js';
import { waitUntil } from '../store/wait-until.js';

let workspace: string;
let folder: string;
let server: RunningBrowserMode | undefined;
const clients: EventfoldApi[] = [];

/** connectApi, remembering the client so that it stops reconnecting after the test. */
async function connect(url: string): Promise<EventfoldApi> {
  const api = await connectApi(browserPage(url));
  clients.push(api);
  return api;
}

/** The page's own WebSocket, as a browser would open it: from the page's origin. */
function pageWebSocket(origin: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as typeof globalThis.WebSocket;
}

/** What connectApi reads of the window in browser mode: its address, and no preload bridge. */
function browserPage(url: string): Window {
  return { location: new URL(url) } as unknown as Window;
}

async function start(same?: { port: number; token: string }): Promise<RunningBrowserMode> {
  const running = await startBrowserMode({
    ...same,
    folder,
    rendererDir: path.join(workspace, 'renderer'),
    recentFoldersFile: path.join(workspace, 'recent-folders.json'),
  });
  globalThis.WebSocket = pageWebSocket(`http://127.0.0.1:${running.port}`);
  return running;
}

beforeAll(async () => {
  workspace = makeTempDir('eventfold-client-');
  fs.mkdirSync(path.join(workspace, 'renderer'));
  fs.writeFileSync(path.join(workspace, 'renderer', 'index.html'), '<!doctype html><title>test</title>');
  folder = path.join(workspace, 'events');
  await initEventFolder(folder);
});

afterEach(async () => {
  for (const api of clients.splice(0)) if (api instanceof SocketApi) api.close();
  await server?.close();
  server = undefined;
});

afterAll(() => removeDir(workspace));

describe("the page's api client in browser mode", () => {
  it('calls the contract over the socket, delivers pushes, and throws ContractError with code and details', async () => {
    server = await start();
    const api = await connect(server.url);
    expect(api).toBeInstanceOf(SocketApi);
    expect((await api.call('folder.current', undefined))?.path).toBe(folder);

    const appended: PushEvents['log.appended'][] = [];
    const stop = api.on('log.appended', (range) => appended.push(range));
    await api.call('event.append', { stream: 'order-1', type: 'Placed' });
    await waitUntil(() => appended.length === 1, 'the append is pushed');
    expect(appended[0]).toEqual({ firstPosition: 1, lastPosition: 1 });

    const conflict = await api
      .call('event.append', { stream: 'order-1', type: 'Placed', expectedRevision: 'no-stream' })
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ContractError);
    expect((conflict as ContractError).code).toBe('WrongExpectedRevision');
    expect((conflict as ContractError).details).toMatchObject({ expected: 'no-stream', actual: 0 });

    stop();
    await api.call('event.append', { stream: 'order-2', type: 'Placed' });
    await api.call('folder.current', undefined);
    expect(appended).toHaveLength(1);
  });

  it('fails calls with code Closed when the connection drops, instead of leaving them waiting', async () => {
    server = await start();
    const api = await connect(server.url);
    const view = await api.call('log.open', { source: { kind: 'all' }, filter: { text: 'nothing' } });
    const pending = api
      .call('log.page', { view: view.view, index: 0, limit: 10 })
      .catch((error: unknown) => error);
    await server.close();
    server = undefined;
    const failure = await pending;
    if (!(failure instanceof ContractError)) return; // The answer may have won the race: nothing was left waiting.
    expect(failure.code).toBe('Closed');
    const later = await api.call('folder.current', undefined).catch((error: unknown) => error);
    expect(later).toBeInstanceOf(ContractError);
    expect((later as ContractError).code).toBe('Closed');
  });

  it('reconnects when the server is back, and tells the page the folder again', async () => {
    server = await start();
    const { port, token } = server;
    const api = await connect(server.url);
    const folders: PushEvents['folder.changed'][] = [];
    api.on('folder.changed', (summary) => folders.push(summary));
    await server.close();
    server = await start({ port, token });
    await waitUntil(() => folders.length > 0, 'the page hears folder.changed after reconnecting');
    expect(folders[0]?.path).toBe(folder);
    expect((await api.call('folder.current', undefined))?.path).toBe(folder);
  });

  it('says the server was restarted when a new run with a new token holds its address, and stops trying', async () => {
    server = await start();
    const { port } = server;
    const api = await connect(server.url);
    const connection: PushEvents['app.connection'][] = [];
    api.on('app.connection', (change) => connection.push(change));
    await server.close();
    await waitUntil(() => connection.length > 0, 'the page hears the connection drop');
    expect(connection[0]).toEqual({ connected: false, loss: 'unreachable' });

    // Same port, new token: the old page's token is refused, which only a restart explains.
    server = await start({ port, token: 'a-new-run-with-another-secret-token-0123456789' });
    await waitUntil(
      () => connection.some((change) => change.loss === 'restarted'),
      'the page is told the server restarted',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(connection.filter((change) => change.connected)).toEqual([]);
    expect(connection.at(-1)).toEqual({ connected: false, loss: 'restarted' });
  });

  it('refuses to connect with a clear message when the server is gone', async () => {
    const running = await start();
    const url = running.url;
    await running.close();
    const failure = await connect(url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContractError);
    expect((failure as ContractError).message).toContain('Could not reach Eventfold');
  });
});
