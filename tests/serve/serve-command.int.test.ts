import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FolderSummary } from '../../shared/contract.js';
import { eventfoldOk, newFolder, startEventfold, tempDir } from '../cli/eventfold-process.js';
import { waitUntil } from '../store/wait-until.js';
import { SocketClient } from './socket-client.js';

/** A stand-in for the built renderer (out/renderer is built only by `npm run build`). */
function rendererBuild(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Eventfold test build</title>');
  return dir;
}

describe('eventfold serve', () => {
  it('prints exactly its address first, and a page with the token gets the contract and live appends', async () => {
    const dir = await newFolder();
    await eventfoldOk(['append', dir, 'order-1', 'Placed', '--data', '{"total":5}']);
    const typed = path.relative(process.cwd(), dir);
    const settings = tempDir();
    const serve = startEventfold(['serve', typed, '--no-open', '--port', '0'], {
      EVENTFOLD_RENDERER_DIR: rendererBuild(),
      XDG_CONFIG_HOME: settings,
    });
    const first = await serve.waitForLine(() => true);
    const match = /^Eventfold serving (.+) at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/.exec(
      first,
    );
    if (match === null) throw new Error(`unexpected first line: ${first}`);
    expect(match[1]).toBe(typed);
    const [port, token] = [match[2]!, match[3]!];
    expect(serve.lines[0]).toBe(first);

    const page = await fetch(`http://127.0.0.1:${port}/?token=${token}`);
    expect(page.status).toBe(200);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const client = await SocketClient.connect(`ws://127.0.0.1:${port}/api`, {
      cookie,
      origin: `http://127.0.0.1:${port}`,
    });
    try {
      const current = await client.call('folder.current');
      expect(current).toMatchObject({ ok: true, value: { path: dir, events: 1 } });

      await eventfoldOk(['append', dir, 'order-2', 'Placed']);
      await waitUntil(
        () =>
          client.pushes.some(
            (p) => p.push === 'log.appended' && (p.payload as { lastPosition: number }).lastPosition === 2,
          ),
        'the page hears the other process’s append',
      );
      await waitUntil(
        () =>
          client.pushes.some(
            (p) => p.push === 'folder.changed' && (p.payload as FolderSummary | null)?.events === 2,
          ),
        'the page hears the new folder summary',
      );
      const recent = await client.call('folder.recent');
      expect(recent).toMatchObject({ ok: true, value: [{ path: dir, available: true }] });
      expect(fs.existsSync(path.join(settings, 'Eventfold', 'recent-folders.json'))).toBe(true);
    } finally {
      client.close();
    }
    serve.child.kill('SIGINT');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(serve.stderr()).toBe('');
  });
});
