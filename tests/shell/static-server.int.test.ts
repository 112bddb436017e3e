import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type RunningStaticServer } from '../../electron/serve/static-server.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request sent exactly as written: fetch() would normalise `..` and encoded slashes away before sending. */
function rawGet(
  port: number,
  requestPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: requestPath, method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

// A non-loopback address of this machine, to show the server is not listening there.
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
if (externalAddress === undefined) {
  console.warn('Skipping the other-addresses check: this machine has no non-loopback IPv4 address.');
}

const SECRET = 'secret beside the renderer';
const TOKEN = 'test-token-0123456789abcdef';
let workspace: string;
let server: RunningStaticServer;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'eventfold-static-'));
  const rendererDir = path.join(workspace, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Eventfold</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(rendererDir, 'assets', 'JournalPage-DDJGuxUP.js'), 'export {};');
  await writeFile(path.join(workspace, 'secret.txt'), SECRET);
  await symlink(path.join(workspace, 'secret.txt'), path.join(rendererDir, 'assets', 'linked-Ab12Cd34.txt'));
  server = await startStaticServer({ rendererDir, token: TOKEN });
});

afterAll(async () => {
  await server.close();
  await rm(workspace, { recursive: true, force: true });
});

const cookieOf = (response: RawResponse): string => {
  const setCookie = response.headers['set-cookie']?.[0] ?? '';
  return setCookie.split(';')[0] ?? '';
};

describe('startStaticServer', () => {
  it('listens on 127.0.0.1 and returns exactly the address with the token', () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBe(server.port);
    expect(url.searchParams.get('token')).toBe(TOKEN);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('answers 401 without a token', async () => {
    const response = await rawGet(server.port, '/');
    expect(response.status).toBe(401);
    expect(response.body).not.toContain('<title>');
  });

  it('answers 403 to a wrong token, in the query or in the cookie', async () => {
    expect((await rawGet(server.port, '/?token=wrong-token-0123456789')).status).toBe(403);
    const cookie = `eventfold_token_${server.port}=wrong-token-0123456789`;
    expect((await rawGet(server.port, '/assets/app.js', { cookie })).status).toBe(401);
  });

  it('serves the page with the right token, sets a strict HttpOnly cookie and the CSP', async () => {
    const response = await rawGet(server.port, `/?token=${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Eventfold</title>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const setCookie = response.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves assets to the cookie, with their content types', async () => {
    const cookie = cookieOf(await rawGet(server.port, `/?token=${TOKEN}`));
    const script = await rawGet(server.port, '/assets/app.js', { cookie });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const style = await rawGet(server.port, '/assets/app.css', { cookie });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawGet(server.port, '/assets/missing.js', { cookie })).status).toBe(404);
  });

  it('lets the browser keep assets named after their hash, and nothing else', async () => {
    const page = await rawGet(server.port, `/?token=${TOKEN}`);
    expect(page.headers['cache-control']).toBe('no-store');
    const cookie = cookieOf(page);
    const hashed = await rawGet(server.port, '/assets/JournalPage-DDJGuxUP.js', { cookie });
    expect(hashed.status).toBe(200);
    expect(hashed.body).toBe('export {};');
    expect(hashed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(hashed.headers['content-security-policy']).toBeDefined();
    const plain = await rawGet(server.port, '/assets/app.js', { cookie });
    expect(plain.body).toBe('console.log("app");');
    expect(plain.headers['cache-control']).toBe('no-store');
    const head = await rawGet(server.port, '/assets/JournalPage-DDJGuxUP.js', { cookie }, 'HEAD');
    expect(head.headers['content-length']).toBe('10');
    expect(head.body).toBe('');
    // Without the token, a file held in memory is refused like any other.
    expect((await rawGet(server.port, '/assets/JournalPage-DDJGuxUP.js')).status).toBe(401);
  });

  it('does not follow a link out of the renderer folder', async () => {
    const cookie = cookieOf(await rawGet(server.port, `/?token=${TOKEN}`));
    const response = await rawGet(server.port, '/assets/linked-Ab12Cd34.txt', { cookie });
    expect(response.body).not.toContain(SECRET);
    expect([403, 404]).toContain(response.status);
  });

  it('refuses paths that leave the renderer folder', async () => {
    const cookie = cookieOf(await rawGet(server.port, `/?token=${TOKEN}`));
    for (const attempt of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
    ]) {
      const response = await rawGet(server.port, attempt, { cookie });
      expect(response.body, attempt).not.toContain(SECRET);
      expect([403, 404], attempt).toContain(response.status);
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and methods other than GET and HEAD', async () => {
    const rebound = await rawGet(server.port, `/?token=${TOKEN}`, {
      host: `attacker.example:${server.port}`,
    });
    expect(rebound.status).toBe(403);
    const posted = await rawGet(server.port, `/?token=${TOKEN}`, {}, 'POST');
    expect(posted.status).toBe(405);
  });

  it.skipIf(externalAddress === undefined)('cannot be reached on the machine’s other addresses', async () => {
    const host = externalAddress ?? '';
    const attempt = new Promise<number>((resolve, reject) => {
      const outgoing = request({ host, port: server.port, path: '/', timeout: 2000 }, (r) =>
        resolve(r.statusCode ?? 0),
      );
      outgoing.on('error', reject);
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.end();
    });
    await expect(attempt).rejects.toThrow();
  });
});
