import fs from 'node:fs';
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
