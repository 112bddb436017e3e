import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer, PushEvents } from '../../shared/contract.js';
import type { MessagePage } from '../../shared/journal/index.js';
import { eventfoldOk, newFolder, startEventfold, tempDir } from '../cli/eventfold-process.js';
import { useApiFixture } from '../api/api-session-fixture.js';
import { SocketClient } from '../serve/socket-client.js';
import { waitUntil } from '../store/wait-until.js';
import { JournalPage } from './journal-session.js';

const fixture = useApiFixture();

function rendererBuild(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Eventfold test build</title>');
  return dir;
}

function valueOf<T>(answer: Answer<unknown>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value as T;
}

/** A window of another app process: `eventfold serve` in a child, and a page's socket to it. */
async function otherProcessWindow(dir: string): Promise<{ client: SocketClient; stop: () => Promise<void> }> {
  const serve = startEventfold(['serve', dir, '--no-open', '--port', '0'], {
    EVENTFOLD_RENDERER_DIR: rendererBuild(),
    XDG_CONFIG_HOME: tempDir(),
  });
  const first = await serve.waitForLine(() => true);
  const match = /at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/.exec(first);
  if (match === null) throw new Error(`unexpected first line: ${first}`);
  const [port, token] = [match[1]!, match[2]!];
  const page = await fetch(`http://127.0.0.1:${port}/?token=${token}`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const client = await SocketClient.connect(`ws://127.0.0.1:${port}/api`, {
    cookie,
    origin: `http://127.0.0.1:${port}`,
  });
  return {
    client,
    stop: async () => {
      client.close();
      serve.child.kill('SIGINT');
      await serve.exited;
    },
  };
}

type Changed = PushEvents['journal.changed'];

describe('two windows in two processes, and the CLI, on one journal', () => {
  it('each sees what the others post: journal.changed once its views have it, and the pages show it', async () => {
    const dir = await newFolder();
    await eventfoldOk(['journal', dir, 'post', 'the first message']);
    const [channel] = (await fixture.opened(dir).then((s) => s.call('journal.channels', {}))).map(
      (c) => c.channel,
    );

    // Window A: this process. Window B: another app process (browser mode), through its socket.
    const a = await fixture.opened(dir);
    const aPage = new JournalPage(a);
    const b = await otherProcessWindow(dir);
    try {
      const bChanged = (message: string) =>
        waitUntil(
          () =>
            b.client.pushes.some(
              (p) => p.push === 'journal.changed' && (p.payload as Changed).messages.includes(message),
            ),
          `window B hears of ${message}`,
        );
      const bPage = async () =>
        valueOf<MessagePage>(await b.client.call('journal.messages', { channel, page: { kind: 'latest' } }));
      expect((await bPage()).messages.map((m) => m.text)).toStrictEqual(['the first message']);

      // A posts: B, in the other process, hears it through the folder's watcher.
      const startedA = performance.now();
      await aPage.post('from-a', 'posted in window A', { channel: channel!, at: new Date().toISOString() });
      await bChanged('from-a');
      const aToB = performance.now() - startedA;
      expect((await bPage()).messages.map((m) => m.text)).toStrictEqual([
        'the first message',
        'posted in window A',
      ]);

      // B posts: A hears it.
      const answer = await b.client.call('journal.command', {
        type: 'PostMessage',
        message: 'from-b',
        channel,
        text: 'posted in window B',
        at: new Date().toISOString(),
      });
      expect(answer.ok).toBe(true);
      await a.waitForPush(
        'journal.changed',
        (p) => p.messages.includes('from-b'),
        'window A hears of from-b',
      );

      // The CLI posts: both hear it, and both pages show it.
      const id = (await eventfoldOk(['journal', dir, 'post', 'posted by the CLI'])).trim();
      await a.waitForPush('journal.changed', (p) => p.messages.includes(id), 'window A hears the CLI');
      await bChanged(id);
      const expected = ['the first message', 'posted in window A', 'posted in window B', 'posted by the CLI'];
      expect((await bPage()).messages.map((m) => m.text)).toStrictEqual(expected);
      const aLatest = await a.call('journal.messages', { channel: channel!, page: { kind: 'latest' } });
      expect(aLatest.messages.map((m) => m.text)).toStrictEqual(expected);

      // An edit in A reaches B's page too (the read models follow every kind of change).
      await aPage.command({
        type: 'EditMessage',
        message: 'from-b',
        edit: 'e1',
        baseVersion: 1,
        text: 'edited in A',
      });
      await waitUntil(
        () =>
          b.client.pushes.filter(
            (p) => p.push === 'journal.changed' && (p.payload as Changed).messages.includes('from-b'),
          ).length >= 2,
        'window B hears of the edit',
      );
      expect((await bPage()).messages.find((m) => m.message === 'from-b')).toMatchObject({
        text: 'edited in A',
        version: 2,
      });
      // Reported, not asserted: timings on a shared machine are not what this test checks.
      console.info(
        `window A post -> window B journal.changed (other process, command included): ${aToB.toFixed(0)} ms`,
      );
    } finally {
      await b.stop();
    }
  });
});
