import { describe, expect, it } from 'vitest';
import { compiledApp, compiledSession } from '../../projections/projection-fixture.js';
import { emptyFolder, openStore, Writer } from './search-fixture.js';

/** A journal folder with two channels and a few messages, written through the real command handler. */
async function journalFolder(): Promise<string> {
  const dir = await emptyFolder();
  const opened = await openStore(dir);
  const writer = new Writer(opened);
  await writer.channel('c1', 'Journal');
  await writer.channel('c2', 'Travel');
  await writer.post('m1', 'Coffee at the café #morning', 'c1');
  await writer.post('m2', 'A café in Lisbon', 'c2');
  await writer.post('m3', 'Ferry to the island', 'c2');
  await opened.close();
  return dir;
}

describe('journal.search', () => {
  it('answers hits with what opens them in their channel, and the index status, after pushing its progress', async () => {
    const dir = await journalFolder();
    const window = compiledSession();
    await window.call('folder.open', { path: dir });
    const first = await window.call('journal.search', { query: 'cafe' });
    // The first search starts the index; the page hears when it has caught up (and may ask again then).
    const progress = await window.waitForPush(
      'journal.progress',
      (payload) => payload.readModel === 'search' && payload.done === payload.total,
      'the search index says it caught up',
    );
    expect(progress.total).toBeGreaterThan(0);
    expect(first.index.name).toBe('search');
    const results = await window.call('journal.search', { query: 'cafe' });
    expect(results.hits.map((hit) => [hit.message, hit.channel])).toEqual([
      ['m2', 'c2'],
      ['m1', 'c1'],
    ]);
    expect(results).toMatchObject({ total: 2, capped: false, offset: 0 });
    expect(results.index).toMatchObject({ name: 'search', state: 'live', error: null });
    expect(results.hits[1]!.excerpt).toEqual([
      { text: 'Coffee at the ', match: false },
      { text: 'café', match: true },
      { text: ' #morning', match: false },
    ]);
    expect(results.hits[1]!.tags).toEqual(['morning']);

    const filtered = await window.call('journal.search', { query: 'cafe', channels: ['c1'], limit: 5 });
    expect(filtered.hits.map((hit) => hit.message)).toEqual(['m1']);
    const paged = await window.call('journal.search', { query: 'cafe', offset: 1, limit: 1 });
    expect(paged.hits.map((hit) => hit.message)).toEqual(['m1']);
    expect(paged).toMatchObject({ total: 2, offset: 1 });
  });

  it('is one index for every window on the folder, following what any of them posts', async () => {
    const dir = await journalFolder();
    const app = compiledApp();
    const first = compiledSession(app);
    const second = compiledSession(app);
    await first.call('folder.open', { path: dir });
    await second.call('folder.open', { path: dir });
    await first.call('journal.search', { query: 'island' });
    await first.waitForPush(
      'journal.progress',
      (payload) => payload.readModel === 'search' && payload.done === payload.total,
      'the search index caught up',
    );
    expect((await first.call('journal.search', { query: 'island' })).hits).toHaveLength(1);
    const writer = new Writer(await openStore(dir));
    const position = await writer.post('m4', 'Another island day', 'c2');
    let found: string[] = [];
    for (let tries = 0; tries < 200 && found.length < 2; tries++) {
      const results = await second.call('journal.search', { query: 'island' });
      found = results.index.position >= position ? results.hits.map((hit) => hit.message) : [];
      if (found.length < 2) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(found).toEqual(['m4', 'm3']);
  });

  it('refuses a time range that ends before it starts, and a search with no folder open', async () => {
    const dir = await journalFolder();
    const window = compiledSession();
    expect(await window.refusalCode('journal.search', { query: 'cafe' })).toBe('NoFolder');
    await window.call('folder.open', { path: dir });
    const refusal = await window.refusal('journal.search', {
      query: 'cafe',
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    });
    expect(refusal.code).toBe('BadRequest');
    expect(refusal.message).toBe(
      'journal.search: from (2026-03-02T00:00:00.000Z) is after to (2026-03-01T00:00:00.000Z); swap them or leave one out',
    );
  });
});
