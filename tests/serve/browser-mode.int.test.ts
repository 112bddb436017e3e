import fs from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderSummary } from '../../shared/contract.js';
import { startBrowserMode, type RunningBrowserMode } from '../../electron/serve/browser-mode.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { makeTempDir, removeDir } from '../store/temp-folders.js';
import { waitUntil } from '../store/wait-until.js';
import { SocketClient, upgradeStatus } from './socket-client.js';

let workspace: string;
let folder: string;
let server: RunningBrowserMode;
let origin: string;

function get(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: server.port, path: pathAndQuery, headers },
      (response) => {
        response.resume();
        const cookie = (response.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
        response.on('end', () => resolve({ status: response.statusCode ?? 0, cookie }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const socketUrl = (query = ''): string => `ws://127.0.0.1:${server.port}/api${query}`;

beforeAll(async () => {
  workspace = makeTempDir('eventfold-serve-');
  const rendererDir = path.join(workspace, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Eventfold test build</title>',
  );
  folder = path.join(workspace, 'events');
  await initEventFolder(folder);
  const store = await openEventStore(folder, { watch: false });
  await store.appendToStream('order-1', [{ type: 'Placed', data: { total: 5 } }]);
  await store.close();
  server = await startBrowserMode({
    folder,
    rendererDir,
    recentFoldersFile: path.join(workspace, 'settings', 'recent-folders.json'),
  });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  removeDir(workspace);
});

describe('browser mode', () => {
  it('binds 127.0.0.1 and prints an address that is exactly http://127.0.0.1:PORT/?token=TOKEN', () => {
    expect(server.address).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('answers 401 to a page request without the token and 403 to a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=not-the-token-0123456789')).status).toBe(403);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.cookie).toMatch(/^eventfold_token_\d+=/);
  });

  it('refuses a socket without the token (401), with a wrong one, from another origin or host (403)', async () => {
    const { cookie } = await get(`/?token=${server.token}`);
    const wrongCookie = cookie.replace(/=.*/, '=wrong-token-0123456789abcdef');
    expect(await upgradeStatus(socketUrl(), { origin })).toBe(401);
    expect(await upgradeStatus(socketUrl(), { origin, cookie: wrongCookie })).toBe(401);
    expect(await upgradeStatus(socketUrl('?token=wrong-token-0123456789abcdef'), { origin })).toBe(403);
    expect(await upgradeStatus(socketUrl(), { origin: 'http://evil.example', cookie })).toBe(403);
    expect(await upgradeStatus(socketUrl(), { cookie })).toBe(403);
    expect(await upgradeStatus(socketUrl(), { origin, cookie, host: `rebound.example:${server.port}` })).toBe(
      403,
    );
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/elsewhere`, { origin, cookie })).toBe(404);
    expect(await upgradeStatus(socketUrl(), { origin, cookie })).toBe(101);
    expect(await upgradeStatus(socketUrl(`?token=${server.token}`), { origin })).toBe(101);
  });

  it('serves the contract on the socket: the served folder is open, answers match ids, pushes arrive', async () => {
    const { cookie } = await get(`/?token=${server.token}`);
    const client = await SocketClient.connect(socketUrl(), { origin, cookie });
    try {
      const current = await client.call('folder.current');
      expect(current.ok).toBe(true);
      expect((current as { value: FolderSummary }).value).toMatchObject({ path: folder, events: 1 });
      const [unknown, bad] = await Promise.all([
        client.call('folder.delete'),
        client.call('event.get', { position: 'x' }),
      ]);
      expect(unknown).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
      expect(bad).toMatchObject({
        ok: false,
        error: { code: 'BadRequest', message: expect.stringContaining('event.get: position') as unknown },
      });
      const malformed = await client.sendRaw('not json');
      expect(malformed).toMatchObject({ id: null, answer: { ok: false, error: { code: 'BadRequest' } } });

      const appended = await client.call('event.append', {
        stream: 'order-1',
        type: 'Paid',
        expectedRevision: 0,
      });
      expect(appended).toMatchObject({ ok: true, value: { firstPosition: 2 } });
      await waitUntil(
        () =>
          client.pushes.some(
            (p) => p.push === 'log.appended' && (p.payload as { lastPosition: number }).lastPosition === 2,
          ),
        'the socket hears log.appended',
      );
    } finally {
      client.close();
    }
  });

  const externalAddress = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
  it.skipIf(externalAddress === undefined)('cannot be reached on the machine’s other addresses', async () => {
    const attempt = new Promise<number>((resolve, reject) => {
      const outgoing = request({ host: externalAddress, port: server.port, path: '/', timeout: 2000 }, (r) =>
        resolve(r.statusCode ?? 0),
      );
      outgoing.on('error', reject);
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.end();
    });
    await expect(attempt).rejects.toThrow();
  });
});
