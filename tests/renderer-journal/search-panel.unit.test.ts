import { describe, expect, it } from 'vitest';
import { SearchPanel } from '../../renderer/src/lib/journal/search-panel.svelte.js';
import { journalFixture, settle } from './journal-fixture.js';

describe('the search panel', () => {
  it('searches a moment after typing stops, once, with the last query', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 30);
    const search = new SearchPanel(journal.session);
    for (const partial of ['M', 'Me', 'Mes', 'Message 2']) search.type(partial);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settle();
    const asked = journal.api.calls.filter((call) => call.name === 'journal.search');
    expect(asked.map((call) => (call.arg as { query: string }).query)).toEqual(['Message 2']);
    expect(search.status).toBe('ready');
    // Message 2 and Message 20..29: newest first, 11 in all.
    expect(search.total).toBe(11);
    expect(search.hits[0]?.message).toBe('m29');
  });

  it('shows only the newest answer when an older one arrives late', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 3);
    const search = new SearchPanel(journal.session);
    let release!: () => void;
    journal.api.gate = new Promise((resolve) => (release = resolve));
    search.query = 'Message 1';
    const old = search.search();
    journal.api.gate = null;
    search.query = 'Message 2';
    await search.search();
    release();
    await old;
    expect(search.hits.map((hit) => hit.message)).toEqual(['m2']);
  });

  it('sends its filters, with local days turned into the instants that bound them', async () => {
    const journal = journalFixture({ timeZone: 'Europe/Oslo' });
    const channel = journal.channel('c1', 'Journal');
    const search = new SearchPanel(journal.session);
    search.query = 'ferry';
    search.setFilters({
      channels: [channel],
      tags: ['oslo'],
      from: '2026-03-01',
      to: '2026-03-01',
      hasAttachment: true,
    });
    await settle();
    const asked = journal.api.calls.findLast((call) => call.name === 'journal.search');
    expect(asked?.arg).toMatchObject({
      query: 'ferry',
      channels: [channel],
      tags: ['oslo'],
      // Midnight in Oslo is 23:00 UTC the day before (winter time).
      from: '2026-02-28T23:00:00.000Z',
      to: '2026-03-01T22:59:59.999Z',
      hasAttachment: true,
    });
  });

  it('pages through results on "more" without asking twice for the same ones', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.posts(channel, 45);
    const search = new SearchPanel(journal.session);
    search.query = 'Message';
    await search.search();
    expect(search.hits).toHaveLength(20);
    expect(search.hasMore).toBe(true);
    await search.more();
    await search.more();
    expect(search.hits).toHaveLength(45);
    expect(new Set(search.hits.map((hit) => hit.message)).size).toBe(45);
    expect(search.hasMore).toBe(false);
    const offsets = journal.api.calls
      .filter((call) => call.name === 'journal.search')
      .map((call) => (call.arg as { offset: number }).offset);
    expect(offsets).toEqual([0, 20, 40]);
  });

  it('opens on a tag alone: the tag filters, and is the query', async () => {
    const journal = journalFixture();
    const channel = journal.channel('c1', 'Journal');
    journal.api.command({
      type: 'PostMessage',
      message: 'a',
      channel,
      text: 'Ferry #oslo',
      at: '2026-03-01T08:00:00.000Z',
    });
    journal.api.command({
      type: 'PostMessage',
      message: 'b',
      channel,
      text: 'Bus',
      at: '2026-03-01T08:01:00.000Z',
    });
    const search = new SearchPanel(journal.session);
    search.showTag('oslo');
    await settle();
    expect(search.hits.map((hit) => hit.message)).toEqual(['a']);
    expect(journal.api.calls.findLast((call) => call.name === 'journal.search')?.arg).toMatchObject({
      query: 'oslo',
      tags: ['oslo'],
    });
  });

  it('does not search for nothing', async () => {
    const journal = journalFixture();
    const search = new SearchPanel(journal.session);
    search.query = '   ';
    await search.search();
    expect(search.status).toBe('idle');
    expect(journal.api.calls).toHaveLength(0);
  });
});
