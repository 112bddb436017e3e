// Opens a journal folder the way a window does (a FolderRegistry and an api session, as browser mode and
// the desktop app do) in a fresh process, and reports what it cost: the first page after the open, the
// memory with the views caught up (after a page that needs all of them), a deep page, and the journal as
// of a past moment. Run with --expose-gc.
// Usage: node --expose-gc journal-open.js FOLDER CHANNEL SETTINGS_DIR AS_OF
import path from 'node:path';
import type { MessagePage } from '../../shared/journal/index.js';
import { createApiSession, FolderRegistry, RecentFolders } from '../../electron/api/index.js';

const [folder, channel, settings, asOf] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (
  folder === undefined ||
  channel === undefined ||
  settings === undefined ||
  asOf === undefined ||
  gc === undefined
) {
  throw new Error('usage: node --expose-gc journal-open.js FOLDER CHANNEL SETTINGS_DIR AS_OF');
}

function retained(): number {
  for (let i = 0; i < 3; i++) gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const registry = new FolderRegistry();
const session = createApiSession({
  host: { mode: 'browser' },
  registry,
  recent: new RecentFolders(path.join(settings, 'recent-folders.json')),
  push: () => undefined,
});

async function call<T>(name: string, arg?: unknown): Promise<T> {
  const answer = await session.dispatch(name, arg);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value as T;
}

const before = retained();
const started = performance.now();
await session.openFolder(folder);
const latest = await call<MessagePage>('journal.messages', { channel, page: { kind: 'latest' }, limit: 50 });
const firstPageMs = performance.now() - started;

// A page a long way up: the cursor of a message near the start, reached in one step. It needs the whole
// views (the first page may have come from their checkpoint's preview while they loaded): the status and
// the memory are taken once they are there.
const around = await call<MessagePage>('journal.messages', {
  channel,
  page: { kind: 'around', message: 'm1000' },
  limit: 50,
});
const status = await call<{ readModels: { state: string; position: number }[] }>('journal.status');
const afterOpen = retained();
const rss = process.memoryUsage().rss;
const deepStart = performance.now();
const deep = await call<MessagePage>('journal.messages', {
  channel,
  page: { kind: 'older', cursor: around.older },
  limit: 50,
});
const deepPageMs = performance.now() - deepStart;

const beforeAsOf = retained();
const asOfStart = performance.now();
const past = await call<MessagePage>('journal.messages', {
  channel,
  page: { kind: 'latest' },
  limit: 50,
  asOf,
});
const asOfFirstMs = performance.now() - asOfStart;
const asOfRetained = retained() - beforeAsOf;
const asOfAgainStart = performance.now();
await call<MessagePage>('journal.messages', {
  channel,
  page: { kind: 'older', cursor: past.older },
  limit: 50,
  asOf,
});
const asOfNextMs = performance.now() - asOfAgainStart;

await session.dispose();
process.stdout.write(
  `${JSON.stringify({
    firstPageMs,
    firstPage: latest.messages.length,
    total: latest.total,
    readModel: status.readModels[0],
    retainedBytes: afterOpen - before,
    rssBytes: rss,
    deepPageMs,
    deepPage: deep.messages.length,
    asOfFirstMs,
    asOfNextMs,
    asOfRetainedBytes: asOfRetained,
    asOfTotal: past.total,
  })}\n`,
);
