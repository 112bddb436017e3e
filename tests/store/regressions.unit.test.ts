import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32c, crc32cPortable } from '../../electron/store/crc32c.js';
import { decodeLine } from '../../electron/store/event-line.js';
import { scanIndexFields } from '../../electron/store/line-scanner.js';
import { openEventStore, verifyEventFolder } from '../../electron/store/index.js';
import { buildFolder, segmentPath } from './built-folder.js';
import { readEverything } from './read-everything.js';
import { makeTempDir, removeDir } from './temp-folders.js';
import { StoreError } from '../../shared/store-error.js';

describe('store regressions found by the property and contract tests', () => {
  it('a sealed segment left without one valid line: open reports it instead of looping forever', async () => {
    const dir = makeTempDir();
    try {
      const built = await buildFolder(dir, {
        segmentSizeLimit: 1024,
        appends: Array.from({ length: 12 }, (_, i) => ({
          stream: `s-${i}`,
          events: [{ type: 'T', data: { pad: 'x'.repeat(100) } }],
        })),
      });
      expect(built.segments.length).toBeGreaterThan(1);
      fs.writeFileSync(segmentPath(dir, built.segments[0]!), 'not an event line\n');
      const opened = await Promise.race([
        openEventStore(dir, { watch: false }).then(async (store) => {
          const health = store.health();
          await store.close();
          return health;
        }),
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5000)),
      ]);
      expect(opened).not.toBe('hung');
    } finally {
      removeDir(dir);
    }
  }, 20_000);

  it('verify reports a seal whose format, segment or firstPosition disagree with its segment', async () => {
    const dir = makeTempDir();
    try {
      const built = await buildFolder(dir, {
        segmentSizeLimit: 1024,
        appends: Array.from({ length: 12 }, (_, i) => ({
          stream: `s-${i}`,
          events: [{ type: 'T', data: { pad: 'x'.repeat(100) } }],
        })),
      });
      const sealFile = segmentPath(dir, built.segments[0]!.replace('.jsonl', '.seal.json'));
      const seal = JSON.parse(fs.readFileSync(sealFile, 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(
        sealFile,
        JSON.stringify({
          ...seal,
          format: 'something-else',
          segment: '000000000099.jsonl',
          firstPosition: 99,
        }),
      );
      const report = await verifyEventFolder(dir);
      expect(report.sound).toBe(false);
    } finally {
      removeDir(dir);
    }
  });

  it('a line whose "more" is not the last field is refused by the full check (docs/FORMAT.md)', () => {
    const head =
      '{"position":7,"stream":"order-1","revision":0,"id":"00000000-0000-4000-8000-000000000000","type":"A","more":1,"time":"2026-01-01T00:00:00.000Z","data":{},"meta":{}';
    const line = Buffer.from(
      `${head},"crc32c":"${crc32cPortable(Buffer.from(head)).toString(16).padStart(8, '0')}"}`,
    );
    const decoded = decodeLine(line, 0, line.length);
    expect(decoded).toEqual({ ok: false, reason: 'the "more" field must come last, just before "crc32c"' });
    const last =
      '{"position":7,"stream":"order-1","revision":0,"id":"00000000-0000-4000-8000-000000000000","type":"A","time":"2026-01-01T00:00:00.000Z","data":{},"meta":{},"more":1';
    const good = Buffer.from(
      `${last},"crc32c":"${crc32cPortable(Buffer.from(last)).toString(16).padStart(8, '0')}"}`,
    );
    const fields = { position: 0, revision: 0, stream: '', type: '', idHash: 0, more: 0 };
    expect(scanIndexFields(good, 0, good.length, fields)).toBe(true);
    expect(fields.more).toBe(1);
    expect(decodeLine(good, 0, good.length)).toMatchObject({ ok: true, more: 1 });
  });

  it('bit rot under a warm index cache: a read of the damaged line fails as a StoreError (or is reported)', async () => {
    const dir = makeTempDir();
    try {
      const built = await buildFolder(dir, {
        segmentSizeLimit: undefined,
        appends: [1, 2, 3, 4].map((i) => ({ stream: `s-${i}`, events: [{ type: 'T', data: { i } }] })),
      });
      const file = segmentPath(dir, built.segments[0]!);
      const bytes = fs.readFileSync(file);
      bytes[built.lines[1]!.start] = 0x7a; // '{' becomes 'z' in line 2
      fs.writeFileSync(file, bytes);
      // Bit rot leaves the modification time alone: make the cache describe the file as it is now.
      const cacheFile = path.join(dir, 'cache', 'index-v1.bin');
      const cache = fs.readFileSync(cacheFile);
      const headerLength = cache.readUInt32LE(8);
      const header = JSON.parse(cache.toString('utf8', 12, 12 + headerLength)) as {
        segments: { name: string; mtimeMs: number }[];
      };
      for (const segment of header.segments)
        segment.mtimeMs = fs.statSync(segmentPath(dir, segment.name)).mtimeMs;
      const align = (n: number) => (n + 3) & ~3;
      const arrays = cache.subarray(align(12 + headerLength), cache.length - 4);
      const newHeader = Buffer.from(JSON.stringify(header));
      const body = Buffer.alloc(align(12 + newHeader.length) + arrays.length);
      cache.copy(body, 0, 0, 8);
      body.writeUInt32LE(newHeader.length, 8);
      newHeader.copy(body, 12);
      arrays.copy(body, align(12 + newHeader.length));
      const trailer = Buffer.alloc(4);
      trailer.writeUInt32LE(crc32c(body));
      fs.writeFileSync(cacheFile, Buffer.concat([body, trailer]));

      const store = await openEventStore(dir, { watch: false, readOnly: true });
      try {
        const read = await readEverything(store).then(
          (events) => ({ events }),
          (error: unknown) => ({ error }),
        );
        if ('error' in read) expect(read.error).toBeInstanceOf(StoreError);
        else expect(store.health().readOnly || read.events.length === 3).toBe(true);
      } finally {
        await store.close();
      }
    } finally {
      removeDir(dir);
    }
  });
});
