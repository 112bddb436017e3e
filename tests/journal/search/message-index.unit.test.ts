import { describe, expect, it } from 'vitest';
import { MessageIndex } from '../../../electron/journal/search/message-index.js';
import { MAX_HITS, type SearchQuery } from '../../../electron/journal/search/search-query.js';
import { JOURNAL_EVENT_VERSION as v, type MessageEvent } from '../../../shared/journal/index.js';
import { at, edited, marked, picture, posted } from '../journal-fixtures.js';

function search(index: MessageIndex, query: string, more: Partial<SearchQuery> = {}) {
  return index.query({ query, offset: 0, limit: 20, ...more });
}

function found(index: MessageIndex, query: string, more: Partial<SearchQuery> = {}): string[] {
  return search(index, query, more).hits.map((hit) => hit.message);
}

function tagged(type: 'TagAdded' | 'TagRemoved', tag: string, message = 'm1'): MessageEvent {
  return { type, data: { v, message, channel: 'c1', tag, at: at(9) } };
}

function indexOf(...events: MessageEvent[]): MessageIndex {
  const index = MessageIndex.empty();
  index.apply(events);
  return index;
}

describe('the message index', () => {
  it('folds accents on both sides: cafe finds café, and Café finds cafe', () => {
    const index = indexOf(posted('m1', 'Coffee at the Café Größenwahn'), posted('m2', 'a cafe by the sea'));
    expect(found(index, 'cafe').sort()).toEqual(['m1', 'm2']);
    expect(found(index, 'CAFÉ').sort()).toEqual(['m1', 'm2']);
    expect(found(index, 'grossenwahn')).toEqual(['m1']);
  });

  it('finds emoji, also written against a word, and whatever the skin tone', () => {
    const index = indexOf(
      posted('m1', 'What a day🎉'),
      posted('m2', 'Thumbs 👍🏽 for the ferry'),
      posted('m3', 'no emoji here'),
    );
    expect(found(index, '🎉')).toEqual(['m1']);
    expect(found(index, '👍')).toEqual(['m2']);
  });

  it('finds a word with a typo, and the start of a word', () => {
    const index = indexOf(posted('m1', 'The harbour was foggy this morning'), posted('m2', 'Nothing much'));
    expect(found(index, 'harbuor')).toEqual(['m1']);
    expect(found(index, 'harb')).toEqual(['m1']);
    expect(found(index, 'mor')).toEqual(['m1']);
  });

  it('needs every word of the query', () => {
    const index = indexOf(posted('m1', 'ferry late again'), posted('m2', 'ferry on time'));
    expect(found(index, 'ferry late')).toEqual(['m1']);
  });

  it('puts exact matches before typo matches, newest first within each', () => {
    const index = indexOf(
      posted('m1', 'a card game', { minutes: 1 }),
      posted('m2', 'another card', { minutes: 3 }),
      posted('m3', 'a cart ride', { minutes: 5 }),
    );
    expect(found(index, 'card')).toEqual(['m2', 'm1', 'm3']);
  });

  it('replaces an entry on an edit, hides it on a delete and shows it again on a restore', () => {
    const index = indexOf(posted('m1', 'lunch with Ana'));
    index.apply([edited('e1', 'dinner with Ola', 2)]);
    expect(found(index, 'lunch')).toEqual([]);
    expect(found(index, 'dinner')).toEqual(['m1']);
    index.apply([marked('MessageDeleted', 5)]);
    expect(found(index, 'dinner')).toEqual([]);
    expect(index.size).toBe(0);
    index.apply([marked('MessageRestored', 6)]);
    expect(found(index, 'dinner')).toEqual(['m1']);
  });

  it('filters by channel, tag, time and attachment', () => {
    const index = indexOf(
      posted('m1', 'walk #oslo', { channel: 'c1', tags: ['oslo'], minutes: 1 }),
      posted('m2', 'walk', { channel: 'c2', attachments: [picture], minutes: 10 }),
      posted('m3', 'walk #Oslo', { channel: 'c2', tags: ['oslo'], minutes: 20 }),
    );
    expect(found(index, 'walk', { channels: ['c2'] })).toEqual(['m3', 'm2']);
    expect(found(index, 'walk', { tags: ['#Oslo'] })).toEqual(['m3', 'm1']);
    expect(found(index, 'walk', { hasAttachment: true })).toEqual(['m2']);
    expect(found(index, 'walk', { hasAttachment: false })).toEqual(['m3', 'm1']);
    expect(found(index, 'walk', { from: at(5), to: at(15) })).toEqual(['m2']);
  });

  it('finds and filters by tags added by hand, and forgets them when removed', () => {
    const index = indexOf(posted('m1', 'a quiet evening'));
    index.apply([tagged('TagAdded', 'friends')]);
    expect(found(index, 'friends')).toEqual(['m1']);
    expect(found(index, 'evening', { tags: ['friends'] })).toEqual(['m1']);
    index.apply([tagged('TagRemoved', 'friends')]);
    expect(found(index, 'friends')).toEqual([]);
  });

  it('pages through the hits and caps how many it counts', () => {
    const events = Array.from({ length: MAX_HITS + 5 }, (_, i) =>
      posted(`m${i}`, `note number ${i}`, { minutes: i }),
    );
    const index = indexOf(...events);
    const first = search(index, 'note', { limit: 3 });
    expect(first.total).toBe(MAX_HITS);
    expect(first.capped).toBe(true);
    expect(first.hits.map((hit) => hit.message)).toEqual([
      `m${MAX_HITS + 4}`,
      `m${MAX_HITS + 3}`,
      `m${MAX_HITS + 2}`,
    ]);
    const second = search(index, 'note', { offset: 3, limit: 3 });
    expect(second.offset).toBe(3);
    expect(second.hits.map((hit) => hit.message)).toEqual([
      `m${MAX_HITS + 1}`,
      `m${MAX_HITS}`,
      `m${MAX_HITS - 1}`,
    ]);
    const past = search(index, 'note', { offset: MAX_HITS, limit: 3 });
    expect(past.hits).toEqual([]);
    expect(search(index, 'number 7').total).toBeLessThan(MAX_HITS);
  });

  it('answers a hit with what opens it in its channel, and marks the matched words as text', () => {
    const index = indexOf(
      posted('m1', '**Bold** <b>café</b> & <script>alert(1)</script> at the café', {
        channel: 'c7',
        tags: [],
        attachments: [picture],
      }),
    );
    const [hit] = search(index, 'cafe').hits;
    expect(hit).toMatchObject({ message: 'm1', channel: 'c7', at: at(2), attachments: 1, tags: [] });
    expect(hit!.excerpt).toEqual([
      { text: 'Bold <b>', match: false },
      { text: 'café', match: true },
      { text: '</b> & <script>alert(1)</script> at the ', match: false },
      { text: 'café', match: true },
    ]);
  });

  it('saves to data and loads back with the same answers', () => {
    const index = indexOf(
      posted('m1', 'Café by the harbour'),
      posted('m2', 'gone'),
      marked('MessageDeleted', 5, 'm2'),
    );
    const copy = MessageIndex.load(
      JSON.parse(JSON.stringify(index.toData())) as ReturnType<MessageIndex['toData']>,
    );
    expect(found(copy, 'cafe')).toEqual(['m1']);
    expect(found(copy, 'gone')).toEqual([]);
    copy.apply([marked('MessageRestored', 6, 'm2')]);
    expect(found(copy, 'gone')).toEqual(['m2']);
  });

  it('skips journal events it cannot read and counts them', () => {
    const index = MessageIndex.empty();
    index.apply([
      { type: 'MessagePosted', data: { v: 1, message: 'm1' } },
      { type: 'SomethingElse', data: { text: 'cafe' } },
      posted('m2', 'cafe'),
    ]);
    expect(index.unreadable).toBe(1);
    expect(found(index, 'cafe')).toEqual(['m2']);
  });
});
