import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { arrayJsonPieces, indexJsonPieces } from '../../../electron/journal/search/index-json.js';
import { MessageIndex } from '../../../electron/journal/search/message-index.js';
import { edited, marked, posted } from '../journal-fixtures.js';

describe('the search index saved in pieces', () => {
  it('is byte for byte the JSON of toData(), across thousands of terms, edits and deletes', () => {
    const index = MessageIndex.empty();
    const events = [];
    // Enough distinct words that the terms span several slices of the serializer.
    for (let n = 0; n < 3_000; n++) {
      events.push(posted(`m${n}`, `note ${n} word${n} w${n % 97} café 🎉 #tag${n % 5}`, { minutes: n }));
    }
    events.push(edited('e1', 'rewritten entirely', 2));
    events.push(marked('MessageDeleted', 5, 'm4'));
    index.apply(events);
    const pieces = [...index.dataJsonPieces()];
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(JSON.stringify(index.toData()));
  });

  it('loads back with the same answers', () => {
    const index = MessageIndex.empty();
    index.apply([
      posted('m1', 'Café by the harbour'),
      posted('m2', 'gone'),
      marked('MessageDeleted', 5, 'm2'),
    ]);
    const copy = MessageIndex.load(
      JSON.parse([...index.dataJsonPieces()].join('')) as ReturnType<MessageIndex['toData']>,
    );
    expect(copy.query({ query: 'cafe', offset: 0, limit: 5 }).hits.map((hit) => hit.message)).toEqual(['m1']);
    copy.apply([marked('MessageRestored', 6, 'm2')]);
    expect(copy.query({ query: 'gone', offset: 0, limit: 5 }).hits.map((hit) => hit.message)).toEqual(['m2']);
  });

  it('matches MiniSearch toJSON for any documents, with discards', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.boolean()), {
          maxLength: 60,
        }),
        fc.array(fc.string(), { maxLength: 3 }),
        (docs, storeFields) => {
          const search = new MiniSearch<{ id: number; text: string }>({
            fields: ['text'],
            storeFields: storeFields.length > 0 ? ['text'] : [],
          });
          docs.forEach(([text], id) => search.add({ id, text }));
          docs.forEach(([, discard], id) => discard && search.discard(id));
          const json = JSON.stringify(search.toJSON());
          expect([...indexJsonPieces(search)].join('')).toBe(json);
          // Slices of a few postings: terms are cut into many pieces.
          expect([...indexJsonPieces(search, 3)].join('')).toBe(json);
        },
      ),
    );
  });

  it('writes rows as one JSON array, whatever the piece size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        (rows, per) => {
          expect([...arrayJsonPieces(rows, per)].join('')).toBe(JSON.stringify(rows));
        },
      ),
    );
  });
});
