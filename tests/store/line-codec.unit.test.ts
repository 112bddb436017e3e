import fs from 'node:fs';
import path from 'node:path';
import { crc32c as nativeCrc32c } from '@node-rs/crc32';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import { crc32c, crc32cPortable } from '../../electron/store/crc32c.js';
import { hashId } from '../../electron/store/event-index.js';
import {
  checkLineChecksum,
  CHECKSUM_SUFFIX_BYTES,
  decodeLine,
  encodedLineBytes,
  encodeLines,
  lineHead,
  type EncodableEvent,
} from '../../electron/store/event-line.js';
import { scanIndexFields, type IndexFields } from '../../electron/store/line-scanner.js';
import { initEventFolder, openEventStore, verifyEventFolder } from '../../electron/store/index.js';
import { asStored, eventType, jsonData, streamId } from './event-arbitraries.js';
import { readEverything } from './read-everything.js';
import { useTempFolders } from './temp-folders.js';

/** The fields the scanner promises (it may also leave references for its own bookkeeping). */
function indexFieldsOf(fields: IndexFields): Omit<IndexFields, 'streamRef' | 'typeRef'> {
  const { position, revision, stream, type, idHash, more } = fields;
  return { position, revision, stream, type, idHash, more };
}

/** An event as stored, with the `more` count of its line. */
type LineEvent = RecordedEvent & { readonly more: number };

const isoTime = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const lineEvent = (names: {
  stream: fc.Arbitrary<string>;
  type: fc.Arbitrary<string>;
}): fc.Arbitrary<LineEvent> =>
  fc.record({
    position: fc.oneof(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    ),
    stream: names.stream,
    revision: fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: Number.MAX_SAFE_INTEGER })),
    id: fc.uuid(),
    type: names.type,
    time: isoTime,
    data: jsonData,
    meta: jsonData,
    more: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9999 })),
  });

const anyLineEvent = lineEvent({ stream: streamId, type: eventType });

function encodeOne(event: LineEvent): Buffer {
  const encodable: EncodableEvent = {
    ...event,
    dataJson: JSON.stringify(event.data),
    metaJson: JSON.stringify(event.meta),
  };
  return encodeLines([lineHead(encodable)]).bytes;
}

function blankFields(): IndexFields {
  return { position: 0, revision: 0, stream: '', type: '', idHash: 0, more: 0 };
}

const NUM_RUNS = 300;

describe('CRC-32C', () => {
  it('gives the published check values (RFC 3720), natively and in plain JavaScript', () => {
    const vectors: [Uint8Array, number][] = [
      [Buffer.from('123456789'), 0xe3069283],
      [new Uint8Array(0), 0],
      [new Uint8Array(32), 0x8a9136aa],
      [new Uint8Array(32).fill(0xff), 0x62a8ab43],
      [Uint8Array.from({ length: 32 }, (_, i) => i), 0x46dd794e],
      [Uint8Array.from({ length: 32 }, (_, i) => 31 - i), 0x113fdb5c],
    ];
    for (const [bytes, expected] of vectors) {
      expect(crc32cPortable(bytes)).toBe(expected);
      expect(crc32c(bytes)).toBe(expected);
    }
  });

  it('is the same natively and in plain JavaScript for any bytes, at any offset in a buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.nat({ max: 16 }), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        const portable = crc32cPortable(view);
        expect(nativeCrc32c(view)).toBe(portable);
        expect(crc32c(view)).toBe(portable);
      }),
      { numRuns: 500 },
    );
  });
});

describe('event lines', () => {
  it('decode to exactly the event that was encoded, for any JSON data and any Unicode names', () => {
    fc.assert(
      fc.property(anyLineEvent, (event) => {
        const bytes = encodeOne(event);
        expect(bytes.length).toBe(
          encodedLineBytes(
            lineHead({
              ...event,
              dataJson: JSON.stringify(event.data),
              metaJson: JSON.stringify(event.meta),
            }),
          ),
        );
        expect(bytes[bytes.length - 1]).toBe(0x0a);
        expect(bytes.indexOf(0x0a)).toBe(bytes.length - 1);
        expect(bytes.toString('latin1', bytes.length - 1 - CHECKSUM_SUFFIX_BYTES, bytes.length - 1)).toMatch(
          /^,"crc32c":"[0-9a-f]{8}"\}$/,
        );
        expect(checkLineChecksum(bytes, 0, bytes.length - 1)).toEqual({ ok: true });
        const decoded = decodeLine(bytes, 0, bytes.length - 1);
        expect(decoded).toEqual({
          ok: true,
          more: event.more,
          event: {
            position: event.position,
            stream: event.stream,
            revision: event.revision,
            id: event.id,
            type: event.type,
            time: event.time,
            data: asStored(event.data),
            meta: asStored(event.meta),
          },
        });
        // The line is plain JSON to any other reader, e.g. jq.
        expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({
          position: event.position,
          stream: event.stream,
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('encode a batch byte for byte as its lines one by one, whatever mix of one- and many-byte characters', () => {
    // A batch's buffer is sized for one byte a character and grows for wider ones, mid-line included.
    // (At least two characters: the checksum check takes no shorter line for an event.)
    const head = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', minLength: 2, maxLength: 300 }),
      fc.string({ unit: 'binary', minLength: 2, maxLength: 300 }),
      fc.string({ unit: 'grapheme', minLength: 2, maxLength: 100 }),
    );
    fc.assert(
      fc.property(fc.array(head, { minLength: 1, maxLength: 40 }), (heads) => {
        const { bytes, lineEnds } = encodeLines(heads);
        const oneByOne = heads.map((line) => encodeLines([line]).bytes);
        expect(bytes.equals(Buffer.concat(oneByOne))).toBe(true);
        let end = 0;
        for (const [i, line] of oneByOne.entries()) {
          const start = end;
          end += line.length;
          expect(lineEnds[i]).toBe(end);
          expect(line.subarray(0, line.length - CHECKSUM_SUFFIX_BYTES - 1).toString('utf8')).toBe(
            Buffer.from(heads[i]!, 'utf8').toString('utf8'),
          );
          expect(checkLineChecksum(bytes, start, end - 1)).toEqual({ ok: true });
        }
      }),
    );
  });

  it('keep a lone UTF-16 surrogate in a name, written as an escape', () => {
    const event: LineEvent = {
      position: 1,
      stream: 'half-\ud800',
      revision: 0,
      id: '00000000-0000-4000-8000-000000000000',
      type: 'T\udc00',
      time: '2026-01-01T00:00:00.000Z',
      data: { text: '\udbff!' },
      meta: {},
      more: 0,
    };
    const bytes = encodeOne(event);
    expect(bytes.toString('utf8')).toContain('half-\\ud800');
    const decoded = decodeLine(bytes, 0, bytes.length - 1);
    expect(decoded.ok && decoded.event).toMatchObject({
      stream: 'half-\ud800',
      type: 'T\udc00',
      data: { text: '\udbff!' },
    });
  });

  it('fail their check when any single bit is flipped', () => {
    fc.assert(
      fc.property(anyLineEvent, fc.nat(), fc.nat({ max: 7 }), (event, at, bit) => {
        const bytes = encodeOne(event);
        const line = Buffer.from(bytes.subarray(0, bytes.length - 1));
        const index = at % line.length;
        line[index] = line[index]! ^ (1 << bit);
        expect(checkLineChecksum(line, 0, line.length).ok).toBe(false);
        expect(decodeLine(line, 0, line.length).ok).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the fast line scanner', () => {
  it('agrees with the full decoder on every line Eventfold writes, whenever it reads one', () => {
    fc.assert(
      fc.property(anyLineEvent, (event) => {
        const bytes = encodeOne(event);
        const fields = blankFields();
        if (!scanIndexFields(bytes, 0, bytes.length - 1, fields)) return;
        expect(indexFieldsOf(fields)).toEqual({
          position: event.position,
          revision: event.revision,
          stream: event.stream,
          type: event.type,
          idHash: hashId(event.id),
          more: event.more,
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reads every line whose names need no JSON escapes (the fast path is really taken)', () => {
    const plain = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 24 })
      .filter((text) => ![...text].some((char) => char === '"' || char === '\\' || char < ' '));
    fc.assert(
      fc.property(
        lineEvent({ stream: plain, type: plain }),
        fc.integer({ min: 1, max: 999_999_999_999_999 }),
        (event, position) => {
          const line = { ...event, position, revision: event.revision % 1_000_000 };
          const bytes = encodeOne(line);
          const fields = blankFields();
          expect(scanIndexFields(bytes, 0, bytes.length - 1, fields)).toBe(true);
          expect(indexFieldsOf(fields)).toEqual({
            position,
            revision: line.revision,
            stream: line.stream,
            type: line.type,
            idHash: hashId(line.id),
            more: line.more,
          });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

/** How another program might lay out the same event: valid JSON, correct checksum, not Eventfold's shape. */
interface ForeignStyle {
  readonly order: readonly string[];
  readonly space: string;
  readonly escapeNonAscii: boolean;
  readonly time: 'seconds' | 'millis' | 'nanos';
}

const FIELDS = ['position', 'stream', 'revision', 'id', 'type', 'time', 'data', 'meta'] as const;

const foreignStyle: fc.Arbitrary<ForeignStyle> = fc.record({
  order: fc.oneof(fc.shuffledSubarray([...FIELDS], { minLength: FIELDS.length }), fc.constant([...FIELDS])),
  space: fc.constantFrom('', ' ', '\t', '  '),
  escapeNonAscii: fc.boolean(),
  time: fc.constantFrom('seconds', 'millis', 'nanos'),
});

function foreignJson(value: unknown, style: ForeignStyle): string {
  const text = JSON.stringify(value);
  return style.escapeNonAscii
    ? text.replace(/[\u007f-\uffff]/g, (char) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0'))
    : text;
}

function foreignTime(time: string, style: ForeignStyle): string {
  if (style.time === 'seconds') return time.replace(/\.\d+Z$/, 'Z');
  if (style.time === 'nanos') return time.replace(/Z$/, '123456Z');
  return time;
}

/** `more` stays the last field before the checksum: the fast scanner looks for it only there. */
function foreignLine(event: LineEvent, style: ForeignStyle): Buffer {
  const s = style.space;
  const values: Record<string, unknown> = { ...event, time: foreignTime(event.time, style) };
  const keys: string[] = [...style.order, ...(event.more > 0 ? ['more'] : [])];
  const head =
    `{${s}` +
    keys.map((key) => `${JSON.stringify(key)}${s}:${s}${foreignJson(values[key], style)}${s}`).join(',');
  const headBytes = Buffer.from(head, 'utf8');
  const crc = crc32cPortable(headBytes).toString(16).padStart(8, '0');
  return Buffer.concat([headBytes, Buffer.from(`,"crc32c":"${crc}"}\n`)]);
}

/** A log of appends (1 to 3 events each) with positions and revisions as a writer would number them. */
const foreignLog = fc
  .array(
    fc.record({
      stream: fc.oneof(streamId, fc.constantFrom('order-1', 'order-2')),
      events: fc.array(
        fc.record({ type: eventType, data: jsonData, meta: jsonData, id: fc.uuid(), style: foreignStyle }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((appends) => {
    const revisions = new Map<string, number>();
    const lines: { event: LineEvent; style: ForeignStyle }[] = [];
    for (const append of appends) {
      append.events.forEach((event, i) => {
        const revision = revisions.get(append.stream) ?? 0;
        revisions.set(append.stream, revision + 1);
        lines.push({
          style: event.style,
          event: {
            position: lines.length + 1,
            stream: append.stream,
            revision,
            id: event.id,
            type: event.type,
            time: '2026-03-04T05:06:07.089Z',
            data: event.data,
            meta: event.meta,
            more: append.events.length - 1 - i,
          },
        });
      });
    }
    return lines;
  });

describe('lines written by another program', () => {
  const tempFolder = useTempFolders('eventfold-foreign-');

  it('are checked and decoded like Eventfold lines, and the scanner never misreads them', () => {
    fc.assert(
      fc.property(anyLineEvent, foreignStyle, (event, style) => {
        const bytes = foreignLine(event, style);
        const decoded = decodeLine(bytes, 0, bytes.length - 1);
        expect(decoded).toEqual({
          ok: true,
          more: event.more,
          event: {
            ...event,
            more: undefined,
            time: foreignTime(event.time, style),
            data: asStored(event.data),
            meta: asStored(event.meta),
          },
        });
        const fields = blankFields();
        if (scanIndexFields(bytes, 0, bytes.length - 1, fields)) {
          expect(indexFieldsOf(fields)).toEqual({
            position: event.position,
            revision: event.revision,
            stream: event.stream,
            type: event.type,
            idHash: hashId(event.id),
            more: event.more,
          });
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('make a folder that opens, reads back every event as written, and verifies as sound', async () => {
    await fc.assert(
      fc.asyncProperty(foreignLog, async (lines) => {
        const dir = tempFolder();
        await initEventFolder(dir);
        fs.writeFileSync(
          path.join(dir, 'log', '000000000001.jsonl'),
          Buffer.concat(lines.map((line) => foreignLine(line.event, line.style))),
        );
        const expected = lines.map(({ event, style }) => ({
          position: event.position,
          stream: event.stream,
          revision: event.revision,
          id: event.id,
          type: event.type,
          time: foreignTime(event.time, style),
          data: asStored(event.data),
          meta: asStored(event.meta),
        }));
        for (const cache of [false, true, true]) {
          // The second open writes the index cache on close; the third reads it.
          const store = await openEventStore(dir, { watch: false, cache });
          try {
            expect(store.health()).toEqual({
              readOnly: false,
              problems: [],
              tail: undefined,
              missing: false,
            });
            expect(await readEverything(store)).toEqual(expected);
            const firstStream = expected[0]!.stream;
            expect((await store.readStream(firstStream)).events).toEqual(
              expected.filter((event) => event.stream === firstStream),
            );
          } finally {
            await store.close();
          }
        }
        expect(await verifyEventFolder(dir)).toMatchObject({
          sound: true,
          events: lines.length,
          problems: [],
        });
        const store = await openEventStore(dir, { watch: false });
        try {
          const appended = await store.appendToStream(expected[0]!.stream, [{ type: 'ByEventfold' }]);
          expect(appended.firstPosition).toBe(lines.length + 1);
        } finally {
          await store.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
