import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  FrameError,
  FrameReader,
  type Frame,
} from '../../electron/projections/sandbox/frames.js';
import { foldOutcome, sandboxMessage } from '../../electron/projections/sandbox/sandbox-messages.js';

const LIMITS = { headerBytes: 4096, bodyBytes: 64 * 1024 };

const headerArb = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
const frameArb = fc.record({ header: headerArb, body: fc.uint8Array({ maxLength: 3000 }) });

/** Cuts bytes at the given points (as a pipe delivers them), in order. */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((point) => point % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const end of [...at, bytes.length]) {
    pieces.push(bytes.subarray(start, end));
    start = end;
  }
  return pieces;
}

describe('the sandbox channel framing', () => {
  it('gives back every frame as sent, however the bytes are cut on the way', () => {
    fc.assert(
      fc.property(
        fc.array(frameArb, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (frames, points) => {
          const bytes = Buffer.concat(
            frames.flatMap((frame) => encodeFrame(frame.header, Buffer.from(frame.body))),
          );
          const reader = new FrameReader(LIMITS);
          const read: Frame[] = cut(bytes, points).flatMap((piece) => reader.push(piece));
          expect(read.map((frame) => ({ header: frame.header, body: [...frame.body] }))).toEqual(
            frames.map((frame) => ({
              header: JSON.parse(JSON.stringify(frame.header)) as unknown,
              body: [...frame.body],
            })),
          );
          expect(reader.pending).toBe(0);
        },
      ),
    );
  });

  it('refuses a frame past its limits from its prefix alone, before holding its bytes', () => {
    const reader = new FrameReader(LIMITS);
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(20, 0);
    prefix.writeUInt32BE(2 ** 31, 4);
    expect(() => reader.push(prefix)).toThrow(/a message of 2048 MB \(at most 64 KB|a message of 2048 MB/);
    const header = Buffer.alloc(8);
    header.writeUInt32BE(LIMITS.headerBytes + 1, 0);
    expect(() => new FrameReader(LIMITS).push(header)).toThrow(FrameError);
  });

  it('answers any bytes at all with frames or a FrameError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const reader = new FrameReader(LIMITS);
        try {
          for (const frame of reader.push(Buffer.from(bytes))) sandboxMessage(frame.header);
        } catch (error) {
          expect(error).toBeInstanceOf(FrameError);
        }
      }),
    );
  });

  it('believes only messages of the protocol’s shapes from a sandbox', () => {
    expect(sandboxMessage({ kind: 'progress', target: 'live', position: 3 })).toEqual({
      kind: 'progress',
      target: 'live',
      position: 3,
    });
    for (const header of [
      { kind: 'progress', target: 'live', position: -1 },
      { kind: 'progress', target: 'other', position: 1 },
      { kind: 'answer', id: 1.5 },
      { kind: 'answer', id: 1, fault: { position: 'x', message: 'm' } },
      { kind: 'ready', shape: { source: { kind: 'all' }, partitioned: 'no', types: [], any: false } },
      { kind: 'hello', walls: { permissionModel: true } },
      { kind: 'eval', code: '1' },
      {},
    ]) {
      expect(() => sandboxMessage(header), JSON.stringify(header)).toThrow(FrameError);
    }
    // Extra fields are dropped, not carried along.
    expect(sandboxMessage({ kind: 'answer', id: 2, extra: { toString: 1 } })).toEqual({
      kind: 'answer',
      id: 2,
    });
    const fault = 'x'.repeat(10_000);
    const answered = sandboxMessage({ kind: 'answer', id: 2, fault: { position: null, message: fault } });
    expect(answered.kind === 'answer' && 'fault' in answered && answered.fault.message.length).toBeLessThan(
      4_100,
    );
  });

  it('checks a fold’s answer: positions, holes and changes as JSON text', () => {
    const good = {
      position: 4,
      holes: { count: 1, positions: [2] },
      changes: [{ position: 3, after: '1' }],
      limited: false,
    };
    expect(foldOutcome(Buffer.from(JSON.stringify(good)))).toEqual(good);
    for (const bad of [
      'not json',
      '{"position":4}',
      '{"position":4,"holes":{"count":0,"positions":["1"]}}',
      '{"position":4,"holes":{"count":0,"positions":[]},"changes":[{"position":1,"after":"{"}],"limited":false}',
    ]) {
      expect(() => foldOutcome(Buffer.from(bad)), bad).toThrow(FrameError);
    }
  });
});
