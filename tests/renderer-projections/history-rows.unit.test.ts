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
    ).toEqual([
      { position: 1, op: 'added', before: null, after: '"at the door"' },
      { position: 17, op: 'changed', before: '"at the door"', after: '"with the neighbour"' },
      { position: 30, op: 'removed', before: '"with the neighbour"', after: null },
      { position: 31, op: 'added', before: null, after: 'null' },
    ]);
  });

  it('cuts long values so the list stays readable', () => {
    const long = shortJson({ text: 'x'.repeat(500) });
    expect(long).toHaveLength(160);
    expect(long.endsWith('…')).toBe(true);
    expect(shortJson([1, 2])).toBe('[1,2]');
  });
});
