import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadModelStatus } from '../../../shared/journal/index.js';
import {
  emptyFolder,
  findIn,
  openSearch,
  openStore,
  recordingFeed,
  search,
  Writer,
} from './search-fixture.js';

describe('the journal search read model', () => {
  it('builds its index from the log, then finds what is posted, edited, deleted and restored live', async () => {
    const dir = await emptyFolder();
    const opened = await openStore(dir);
    const writer = new Writer(opened);
    await writer.channel('c1', 'Journal');
    await writer.post('m1', 'Coffee at the café by the harbour 🎉');
    const statuses: ReadModelStatus[] = [];
    const index = await openSearch(opened, { onStatus: (status) => statuses.push(status) });

    expect(await findIn(index, 'cafe')).toEqual(['m1']);
    expect(await findIn(index, '🎉')).toEqual(['m1']);
    expect(await findIn(index, 'harbuor')).toEqual(['m1']);
    expect(await findIn(index, 'harb')).toEqual(['m1']);
    expect(statuses.at(-1)).toMatchObject({ name: 'search', state: 'live', error: null });

    await writer.post('m2', 'Tea in the garden');
    expect(await findIn(index, 'garden')).toEqual(['m2']);
    await writer.edit('m2', 'Lemonade in the garden');
    expect(await findIn(index, 'tea')).toEqual([]);
    expect(await findIn(index, 'lemonade')).toEqual(['m2']);
    await writer.delete('m2');
    expect(await findIn(index, 'garden')).toEqual([]);
    await writer.restore('m2');
    expect(await findIn(index, 'garden')).toEqual(['m2']);
    expect(index.status()).toMatchObject({ state: 'live', position: opened.lastPosition });
  });

  it('is saved in cache/ with the position it covers, and catches up on what was appended while it was closed', async () => {
    const dir = await emptyFolder();
    const first = await openStore(dir);
    const writer = new Writer(first);
    await writer.channel('c1');
    await writer.post('m1', 'before closing');
    const index = await openSearch(first);
    expect(await findIn(index, 'before')).toEqual(['m1']);
    await index.close();
    const cache = search.searchCacheFile(dir);
    const header = JSON.parse(fs.readFileSync(cache, 'utf8').split('\n')[0]!) as {
      position: number;
      folder: string;
    };
    expect(header).toMatchObject({ position: first.lastPosition, folder: first.manifest.id });
    const savedAt = header.position;

    // Written while the app was closed (by the CLI, or another program).
    await writer.post('m2', 'after closing');
    await writer.delete('m1');
    await first.close();

    const again = await openStore(dir);
    const { feed, starts } = recordingFeed(again);
    const reopened = await openSearch(again, {}, feed);
    expect(await findIn(reopened, 'closing')).toEqual(['m2']);
    expect(starts).toEqual([savedAt]);
  });

  it('rebuilds from the log when the cache is deleted, or saved for another folder', async () => {
    const dir = await emptyFolder();
    const opened = await openStore(dir);
    const writer = new Writer(opened);
    await writer.channel('c1');
    await writer.post('m1', 'kept in the log');
    await (await openSearch(opened)).close();
    const cache = search.searchCacheFile(dir);
    expect(fs.existsSync(cache)).toBe(true);

    fs.rmSync(path.join(dir, 'cache'), { recursive: true });
    const deleted = recordingFeed(opened);
    const rebuilt = await openSearch(opened, {}, deleted.feed);
    expect(await findIn(rebuilt, 'log')).toEqual(['m1']);
    expect(deleted.starts).toEqual([0]);
    await rebuilt.close();
    expect(fs.existsSync(cache)).toBe(true);

    // The same cache file in a copy of the folder with another id (a new folder, say) is not trusted.
    const [head, body] = fs.readFileSync(cache, 'utf8').split('\n') as [string, string];
    fs.writeFileSync(
      cache,
      `${JSON.stringify({ ...JSON.parse(head), folder: 'another-folder' })}\n${body}\n`,
    );
    const foreign = recordingFeed(opened);
    const fresh = await openSearch(opened, {}, foreign.feed);
    expect(await findIn(fresh, 'log')).toEqual(['m1']);
    expect(foreign.starts).toEqual([0]);
    await fresh.close();

    // A cut or damaged file is rebuilt too.
    fs.writeFileSync(cache, head.slice(0, 20));
    const damaged = recordingFeed(opened);
    expect(await findIn(await openSearch(opened, {}, damaged.feed), 'log')).toEqual(['m1']);
    expect(damaged.starts).toEqual([0]);
  });

  it('rebuilds on request, and skips events of other programs', async () => {
    const dir = await emptyFolder();
    const opened = await openStore(dir);
    const writer = new Writer(opened);
    await writer.channel('c1');
    await opened.appendToStream('orders-1', [{ type: 'OrderPlaced', data: { text: 'cafe' } }]);
    await writer.post('m1', 'the cafe');
    await opened.appendToStream('message-m9', [
      { type: 'MessagePosted', data: { v: 1, text: 'broken cafe' } },
    ]);
    const index = await openSearch(opened);
    expect(await findIn(index, 'cafe')).toEqual(['m1']);
    await index.rebuild();
    expect(await findIn(index, 'cafe')).toEqual(['m1']);
    expect(index.status().position).toBe(opened.lastPosition);
  });

  it('follows appends made through another store on the folder (another window, the CLI)', async () => {
    const dir = await emptyFolder();
    const watching = await openStore(dir);
    const writer = new Writer(await openStore(dir));
    await writer.channel('c1');
    const index = await openSearch(watching);
    const position = await writer.post('m1', 'from elsewhere');
    await index.whenCovered(position);
    expect(await findIn(index, 'elsewhere')).toEqual(['m1']);
  });
});
