import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Postings, withCompactPostings } from '../../../electron/journal/search/compact-postings.js';

type Operation =
  | { readonly kind: 'set'; readonly id: number; readonly count: number }
  | { readonly kind: 'delete'; readonly id: number }
  | { readonly kind: 'delete-while-iterating'; readonly every: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    id: fc.nat({ max: 60 }),
    count: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 30, max: 100_000 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.nat({ max: 60 }) }),
  fc.record({ kind: fc.constant('delete-while-iterating' as const), every: fc.integer({ min: 1, max: 3 }) }),
);

/**
 * What a Map does, applied to both (a Map iterates in insertion order, Postings in id order, so what an
 * iteration sees is compared sorted): MiniSearch removes pairs while it iterates over the rest.
 */
function run(map: Map<number, number>, op: Operation): unknown {
  if (op.kind === 'set') return map.set(op.id, op.count).size;
  if (op.kind === 'delete') return map.delete(op.id);
  const seen: [number, number][] = [];
  for (const [id] of map) {
    seen.push([id, map.get(id) ?? -1]);
    if (id % op.every === 0) map.delete(id);
  }
  return seen.sort(([a], [b]) => a - b);
}

describe('compact postings', () => {
  it('answer as a Map with ids in increasing order would, whatever is set and deleted', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (ops) => {
        const postings = new Postings();
        const map = new Map<number, number>();
        for (const op of ops) {
          expect(run(postings, op)).toEqual(run(map, op));
          const sorted = [...map].sort(([a], [b]) => a - b);
          expect([...postings]).toEqual(sorted);
          expect(postings.size).toBe(map.size);
          for (let id = 0; id <= 60; id++) expect(postings.get(id)).toBe(map.get(id));
        }
      }),
    );
  });

  it('refuse a count that is not a positive integer', () => {
    expect(() => new Postings().set(1, 0)).toThrow(/positive integer/);
    expect(() => new Postings().set(1, 1.5)).toThrow(/positive integer/);
    expect(() => new Postings().set(-1, 1)).toThrow(/natural number/);
  });

  it('make MiniSearch answer, discard, vacuum and save as with Maps', async () => {
    const docs = Array.from({ length: 400 }, (_, id) => ({
      id,
      text: `word${id % 37} common w${id % 5} ${id % 3 === 0 ? 'café rare' : 'plain'} w${id % 5}`,
    }));
    const options = { fields: ['text'] };
    const plain = new MiniSearch<(typeof docs)[number]>(options);
    const compact = withCompactPostings(new MiniSearch<(typeof docs)[number]>(options));
    for (const index of [plain, compact]) {
      index.addAll(docs);
      for (let id = 0; id < 400; id += 3) index.discard(id);
      for (let id = 0; id < 400; id += 9) index.add({ id: 1000 + id, text: `again word${id % 37}` });
      index.replace({ id: 1, text: 'replaced rare' });
    }
    const queries = ['common', 'word3', 'rare', 'w2', 'again word4', 'wrd1'];
    // Results of equal score come in the order the postings are iterated: compared by id.
    const answers = (index: MiniSearch<(typeof docs)[number]>) =>
      queries.map((query) =>
        index.search(query, { fuzzy: 1, prefix: true }).sort((a, b) => Number(a.id) - Number(b.id)),
      );
    expect(answers(compact)).toEqual(answers(plain));
    await Promise.all([plain.vacuum(), compact.vacuum()]);
    expect(answers(compact)).toEqual(answers(plain));
    expect(JSON.stringify(compact.toJSON())).toBe(JSON.stringify(plain.toJSON()));
    const loaded = withCompactPostings(MiniSearch.loadJS<(typeof docs)[number]>(compact.toJSON(), options));
    expect(answers(loaded)).toEqual(answers(plain));
  });
});
