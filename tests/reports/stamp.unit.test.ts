import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seal, sha256, zeroed } from '../../electron/reports/stamp-reading.js';
import { parseStamp, stampJson } from '../../electron/reports/stamp-text.js';
import { ZERO_SHA256, type ReportStamp } from '../../shared/report-stamp.js';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const text = fc.string({ unit: 'binary', maxLength: 40 });

const stamps: fc.Arbitrary<ReportStamp> = fc.record({
  eventfold: fc.constant('eventfold-stamp' as const),
  version: fc.constant(1),
  kind: fc.constantFrom('events', 'projection-state', 'folder-report', 'projection-report'),
  format: fc.constantFrom('jsonl', 'json', 'csv', 'md', 'html', 'pdf'),
  folder: fc.uuid(),
  selection: fc.record({
    source: fc.oneof(
      fc.constant({ kind: 'all' as const }),
      text.filter((s) => s.length > 0).map((stream) => ({ kind: 'stream' as const, stream })),
      text.map((category) => ({ kind: 'category' as const, category })),
    ),
    filter: fc.record(
      { types: fc.array(text, { minLength: 1, maxLength: 3 }), stream: text, text, from: text, to: text },
      { requiredKeys: [] },
    ),
    from: fc.nat(),
    to: fc.nat(),
    closed: fc.boolean(),
  }),
  count: fc.nat(),
  first: fc.option(fc.nat(), { nil: null }),
  last: fc.option(fc.nat(), { nil: null }),
  eventsSha256: hex64,
  contentSha256: hex64,
});

describe('the stamp', () => {
  it('reads back as it was written, from one line of ASCII that is safe in HTML attributes and comments', () => {
    fc.assert(
      fc.property(stamps, (stamp) => {
        const json = stampJson(stamp);
        expect(json).toMatch(/^[\x20-\x7e]+$/);
        expect(json).not.toMatch(/[<>&']/);
        expect(parseStamp(json, 'test')).toEqual(stamp);
      }),
    );
  });

  it('names what is wrong with a damaged stamp', () => {
    expect(() => parseStamp('{', 'f.csv')).toThrow('f.csv: the Eventfold stamp is not valid JSON');
    expect(() => parseStamp('{"eventfold":"eventfold-stamp","version":2}', 'f.csv')).toThrow(
      'stamp version 2 is newer than this Eventfold reads (1)',
    );
    expect(() => parseStamp('{"eventfold":"eventfold-stamp","version":1,"kind":"events"}', 'f.csv')).toThrow(
      "f.csv: the Eventfold stamp's format is missing or wrong",
    );
  });

  it('seals a document with its content hash and finds it again however its bytes around it are', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), (before, after) => {
        const document = Buffer.concat([before, Buffer.from(`"contentSha256":"${ZERO_SHA256}"`), after]);
        const sealed = seal(document);
        expect(sealed.toString('latin1')).toContain(`"contentSha256":"${sha256(document)}"`);
        expect(zeroed(sealed).equals(document)).toBe(true);
      }),
    );
  });
});
