import { describe, expect, it } from 'vitest';
import { exportRequestSchema } from '../../shared/contract.js';
import {
  describeSubject,
  exportRequest,
  formatsFor,
  type ExportSubject,
} from '../../renderer/src/lib/exports/export-choices.js';

const filtered: ExportSubject = {
  kind: 'events',
  source: { kind: 'category', category: 'order' },
  filter: { types: ['OrderPlaced'], text: 'gift' },
  pinned: ['data.sku', 'meta.user.id'],
};

describe('export choices', () => {
  it('carry the log view’s pinned columns into CSV and Markdown, after the envelope’s', () => {
    expect(exportRequest(filtered, 'csv', true)).toEqual({
      kind: 'events',
      source: { kind: 'category', category: 'order' },
      filter: { types: ['OrderPlaced'], text: 'gift' },
      format: 'csv',
      columns: ['position', 'time', 'stream', 'revision', 'type', 'id', 'data.sku', 'meta.user.id'],
      bom: true,
    });
    expect(exportRequest(filtered, 'jsonl', true)).not.toHaveProperty('columns');
    expect(exportRequest({ ...filtered, pinned: [] }, 'md', false)).not.toHaveProperty('columns');
  });

  it('make requests the contract accepts, for every format a subject offers', () => {
    const projection: ExportSubject = { kind: 'projection', name: 'stream-statistics', position: 40 };
    for (const subject of [filtered, projection]) {
      for (const format of formatsFor(subject)) {
        expect(() => exportRequestSchema.parse(exportRequest(subject, format, true))).not.toThrow();
      }
    }
    expect(formatsFor(projection)).not.toContain('jsonl');
  });

  it('say what is exported: every match, not what is loaded', () => {
    expect(describeSubject({ kind: 'events', source: { kind: 'all' }, filter: {}, pinned: [] })).toBe(
      'All events: every event, not only those loaded',
    );
    expect(describeSubject(filtered)).toBe(
      'Category order, types OrderPlaced, containing “gift”: every match',
    );
    expect(describeSubject({ kind: 'projection', name: 'totals', position: 1200 })).toBe(
      'The state of totals after position 1,200',
    );
  });
});
