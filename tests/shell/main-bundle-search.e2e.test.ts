import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answer, PushEvents, RequestResult } from '../../shared/contract.js';
import { JournalCommandHandler } from '../../electron/journal/index.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { FakeBrowserWindow, ipcMain, resetFakeElectron } from './fake-electron.js';

// The built main process (out/main) searches a journal: its search worker is emitted beside the bundle and
// starts from it (new URL('./search-worker.js', import.meta.url) inside the bundle).
vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const OUT_MAIN = fileURLToPath(new URL('../../out/main/', import.meta.url));
const built = existsSync(path.join(OUT_MAIN, 'index.js'));
if (!built)
  console.warn('Skipping the built search worker test: out/main is not built (run `npm run build`).');

let workspace: string;
let folder: string;
const savedArgv = process.argv;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'eventfold-main-search-'));
  folder = path.join(workspace, 'journal');
  await initEventFolder(folder);
  const store = await openEventStore(folder);
  const handler = new JournalCommandHandler(store);
  await handler.handle({
    type: 'CreateChannel',
    channel: 'c1',
    name: 'Journal',
    at: '2026-03-01T08:00:00.000Z',
  });
  await handler.handle({
    type: 'PostMessage',
    message: 'm1',
    channel: 'c1',
    text: 'Coffee at the café 🎉',
    at: '2026-03-01T08:01:00.000Z',
  });
  await store.close();
  resetFakeElectron(path.join(workspace, 'user-data'));
});

afterAll(async () => {
  process.argv = savedArgv;
  for (const window of FakeBrowserWindow.getAllWindows()) window.close();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await rm(workspace, { recursive: true, force: true });
});

describe.skipIf(!built)('the built main process', () => {
  it('emits the journal search worker beside its bundle and finds messages with it', async () => {
    expect(existsSync(path.join(OUT_MAIN, 'search-worker.js'))).toBe(true);
    process.argv = ['/opt/Eventfold/eventfold', '--folder', folder];
    await import(/* @vite-ignore */ path.join(OUT_MAIN, 'index.js'));
    await vi.waitFor(() => expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 10_000 });
    const window = FakeBrowserWindow.getAllWindows()[0]!;
    const handler = ipcMain.handlers.get('eventfold:invoke')!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const search = async (): Promise<RequestResult<'journal.search'>> => {
      const answer = (await handler(event, 'journal.search', { query: 'cafe' })) as Answer<
        RequestResult<'journal.search'>
      >;
      if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
      return answer.value;
    };
    await vi.waitFor(() => expect(window.webContents.getURL()).toMatch(/index\.html$/));
    await search();
    await vi.waitFor(
      () =>
        expect(
          window.webContents
            .pushes()
            .some(
              ([name, payload]) =>
                name === 'journal.progress' &&
                (payload as PushEvents['journal.progress']).done ===
                  (payload as PushEvents['journal.progress']).total,
            ),
        ).toBe(true),
      { timeout: 20_000 },
    );
    expect((await search()).hits.map((hit) => hit.message)).toEqual(['m1']);
  });
});
