import { describe, expect, it } from 'vitest';
import { historyRows, shortJson } from '../../renderer/src/lib/projections/history-rows.js';

describe('historyRows', () => {
  it('tells additions, removals and changes apart by which side exists', () => {
    expect(
      historyRows([
        { position: 1, after: 'at the door' },
        { position: 17, before: 'at the door', after: 'with the neighbour' },
        { position: 30, before: 'with the neighbour' },
        { position: 31, after: null },
      ]),
    ).toMatchObject([
      { position: 1, op: 'added', before: null, after: '"at the door"', words: null },
      { position: 17, op: 'changed', before: '"at the door"', after: '"with the neighbour"' },
      { position: 30, op: 'removed', before: '"with the neighbour"', after: null, words: null },
      { position: 31, op: 'added', before: null, after: 'null', words: null },
    ]);
  });

  it('shows which words of a changed string changed', () => {
    const [row] = historyRows([{ position: 17, before: 'at the door', after: 'with the neighbour' }]);
    const words = row!.words ?? [];
    expect(words.filter((word) => word.kind === 'removed').map((word) => word.text)).toEqual(['at', 'door']);
    expect(words.filter((word) => word.kind === 'added').map((word) => word.text)).toEqual([
      'with',
      'neighbour',
    ]);
    expect(historyRows([{ position: 2, before: 1, after: 2 }])[0]!.words).toBeNull();
  });

  it('cuts long values so the list stays readable', () => {
    const long = shortJson({ text: 'x'.repeat(500) });
    expect(long).toHaveLength(160);
    expect(long.endsWith('…')).toBe(true);
    expect(shortJson([1, 2])).toBe('[1,2]');
  });
});
