import fs from 'node:fs';
import { request } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventfold, newFolder, startEventfold, tempDir } from './eventfold-process.js';

/** A stand-in for the built renderer (out/renderer is built only by `npm run build`). */
function rendererBuild(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Eventfold test build</title>');
  return dir;
}

describe('eventfold serve', () => {
  it('prints the address first, serves the app to whoever has the token, and exits 0 on SIGINT', async () => {
    const dir = await newFolder();
    const serve = startEventfold(['serve', dir, '--no-open'], { EVENTFOLD_RENDERER_DIR: rendererBuild() });
    const first = await serve.waitForLine(() => true);
    const match = /^Eventfold serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=[A-Za-z0-9_-]+)$/.exec(
      first,
    );
    if (match === null) throw new Error(`unexpected first line: ${first}`);
    expect(match[1]).toBe(dir);
    const url = new URL(match[2]!);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Eventfold test build');
    const withoutToken = await fetch(`http://127.0.0.1:${match[3]!}/`);
    expect(withoutToken.status).toBe(401);

    serve.child.kill('SIGINT');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(serve.stderr()).toBe('');
  });

  it('listens on the port asked for', async () => {
    const dir = await newFolder();
    const probe = startEventfold(['serve', dir, '--no-open'], { EVENTFOLD_RENDERER_DIR: rendererBuild() });
    const port = Number(/:(\d+)\//.exec(await probe.waitForLine(() => true))?.[1]);
    probe.child.kill('SIGINT');
    await probe.exited;
    const serve = startEventfold(['serve', dir, '--no-open', '--port', String(port), '--host', '127.0.0.1'], {
      EVENTFOLD_RENDERER_DIR: rendererBuild(),
    });
    expect(await serve.waitForLine(() => true)).toContain(`at http://127.0.0.1:${port}/?token=`);
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  });

  it('on 0.0.0.0 says where it listens and how others reach it, warns that the token travels in clear text, and keeps the Host check', async () => {
    const dir = await newFolder();
    const serve = startEventfold(
      ['serve', dir, '--no-open', '--host', '0.0.0.0', '--allow-host', 'events.example'],
      { EVENTFOLD_RENDERER_DIR: rendererBuild() },
    );
    const first = await serve.waitForLine(() => true);
    const url = new URL(/ at (http:\S+)$/.exec(first)?.[1] ?? '');
    expect(url.hostname).toBe('127.0.0.1');
    const port = Number(url.port);
    const token = url.searchParams.get('token')!;
    expect(await serve.waitForLine((line) => line.startsWith('Listening on'))).toBe(
      `Listening on 0.0.0.0:${port} (every IPv4 address of this machine); other machines can open:`,
    );
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry?.family === 'IPv4' && !entry.internal)
      .map((entry) => entry!.address);
    for (const name of [...external, hostname(), 'events.example']) {
      await serve.waitForLine((line) => line === `  http://${name}:${port}/?token=${token}`);
    }
    await waitFor(() => serve.stderr().includes('clear text'));
    expect(serve.stderr()).toMatch(
      /^eventfold: warning: listening on 0\.0\.0\.0 lets other machines reach this folder over plain HTTP\. The access token in the address travels in clear text \(there is no TLS\)/,
    );

    // The Host header must still name this machine or an allowed name: a rebound foreign name is refused.
    expect(await statusWithHost(port, `attacker.example:${port}`, token)).toBe(403);
    expect(await statusWithHost(port, `events.example:${port}`, token)).toBe(200);
    expect(await statusWithHost(port, `localhost:${port}`, token)).toBe(200);
    for (const address of external) expect(await statusWithHost(port, `${address}:${port}`, token)).toBe(200);

    serve.child.kill('SIGINT');
    expect((await serve.exited).code).toBe(0);
  });

  it('on 127.0.0.1 prints one address and no warning', async () => {
    const dir = await newFolder();
    const serve = startEventfold(['serve', dir, '--no-open', '--host', '127.0.0.1'], {
      EVENTFOLD_RENDERER_DIR: rendererBuild(),
    });
    const port = Number(new URL(/ at (http:\S+)$/.exec(await serve.waitForLine(() => true))?.[1] ?? '').port);
    expect(await statusWithHost(port, `attacker.example:${port}`, 'x'.repeat(20))).toBe(403);
    serve.child.kill('SIGINT');
    expect((await serve.exited).code).toBe(0);
    expect(serve.lines.filter((line) => line !== '')).toHaveLength(1);
    expect(serve.stderr()).toBe('');
  });

  it('exits 1 when the folder is not an event folder, or EVENTFOLD_RENDERER_DIR holds no app', async () => {
    const notFolder = tempDir();
    const refused = await eventfold(['serve', notFolder, '--no-open'], {
      env: { EVENTFOLD_RENDERER_DIR: rendererBuild() },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${notFolder} is not an event folder`);

    const dir = await newFolder();
    const empty = tempDir();
    const unbuilt = await eventfold(['serve', dir, '--no-open'], { env: { EVENTFOLD_RENDERER_DIR: empty } });
    expect(unbuilt).toEqual({
      code: 1,
      stdout: '',
      stderr: `eventfold: EVENTFOLD_RENDERER_DIR names ${empty}, which holds no index.html\n`,
    });
  });
});

/** The status of GET / on 127.0.0.1:PORT with the token, sent with the Host header given. */
function statusWithHost(port: number, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path: `/?token=${token}`, headers: { host } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}
