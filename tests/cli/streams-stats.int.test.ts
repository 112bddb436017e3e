import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLines, eventfold, eventfoldOk, jsonLines, newFolder } from './eventfold-process.js';

interface Printed {
  position: number;
  stream: string;
  revision: number;
  type: string;
  time: string;
}

interface StreamLine {
  stream: string;
  category: string;
  events: number;
  lastRevision: number;
  lastPosition: number;
  lastTime: string | null;
}

async function readAll(dir: string): Promise<Printed[]> {
  return jsonLines(await eventfoldOk(['read', dir, '--json'])) as Printed[];
}

function segmentBytes(dir: string): { segments: number; bytes: number } {
  const names = fs.readdirSync(path.join(dir, 'log')).filter((name) => name.endsWith('.jsonl'));
  const bytes = names.reduce((sum, name) => sum + fs.statSync(path.join(dir, 'log', name)).size, 0);
  return { segments: names.length, bytes };
}

async function smallFolder(): Promise<string> {
  const dir = await newFolder();
  await appendLines(dir, [
    { stream: 'order-1', type: 'Placed' },
    { stream: 'user', type: 'Registered' },
  ]);
  await appendLines(dir, [
    { stream: 'order-2', type: 'Placed' },
    { stream: 'order-1', type: 'Paid' },
    { stream: 'order-1', type: 'Shipped' },
  ]);
  return dir;
}

describe('eventfold streams', () => {
  it('lists each stream with category, event count, last revision and the time of its last event', async () => {
    const dir = await smallFolder();
    const events = await readAll(dir);
    const lastOf = (stream: string): Printed => events.filter((event) => event.stream === stream).at(-1)!;
    const result = await eventfold(['streams', dir, '--json']);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      {
        stream: 'order-1',
        category: 'order',
        events: 3,
        lastRevision: 2,
        lastPosition: 5,
        lastTime: lastOf('order-1').time,
      },
      {
        stream: 'user',
        category: 'user',
        events: 1,
        lastRevision: 0,
        lastPosition: 2,
        lastTime: lastOf('user').time,
      },
      {
        stream: 'order-2',
        category: 'order',
        events: 1,
        lastRevision: 0,
        lastPosition: 3,
        lastTime: lastOf('order-2').time,
      },
    ]);

    const table = (await eventfoldOk(['streams', dir])).trimEnd().split('\n');
    expect(table[0]).toBe('STREAM   CATEGORY  EVENTS  LAST REVISION  LAST TIME');
    expect(table[1]).toBe(`order-1  order          3              2  ${lastOf('order-1').time}`);
    expect(table).toHaveLength(4);
  });

  it('prints nothing for a folder without events', async () => {
    const dir = await newFolder();
    expect(await eventfold(['streams', dir, '--json'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('eventfold stats', () => {
  it('counts events, streams, segment bytes and types, with the first and last time', async () => {
    const dir = await smallFolder();
    const events = await readAll(dir);
    const result = await eventfold(['stats', dir, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      events: 5,
      streams: 3,
      ...segmentBytes(dir),
      firstTime: events[0]?.time,
      lastTime: events[4]?.time,
      types: [
        { type: 'Placed', events: 2 },
        { type: 'Paid', events: 1 },
        { type: 'Registered', events: 1 },
        { type: 'Shipped', events: 1 },
      ],
    });
    const text = await eventfoldOk(['stats', dir]);
    expect(text).toContain('events       5\n');
    expect(text).toContain('streams      3\n');
    expect(text).toContain(`first event  ${events[0]?.time}\n`);
    expect(text).toContain('event types  4\n  Placed      2\n  Paid        1\n');
  });

  it('reports an empty folder as empty', async () => {
    const dir = await newFolder();
    const result = await eventfold(['stats', dir, '--json']);
    expect(JSON.parse(result.stdout)).toEqual({
      events: 0,
      streams: 0,
      segments: 0,
      bytes: 0,
      firstTime: null,
      lastTime: null,
      types: [],
    });
  });
});

describe('eventfold streams and stats over many streams and segments', () => {
  it('covers every stream and every segment file', async () => {
    const dir = await newFolder();
    // Small segments, so that the log spans many files (the manifest allows 1 KiB and up).
    const manifestFile = path.join(dir, 'eventfold.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, segmentSizeLimit: 4096 }));
    const count = 600;
    const events = Array.from({ length: count }, (_, i) => ({
      stream: `cart-${i}`,
      type: i % 2 ? 'Odd' : 'Even',
    }));
    // One import is written as few large appends, and a segment rolls only between appends: several
    // imports, so that the log spans several segments.
    for (let from = 0; from < count; from += 100) await appendLines(dir, events.slice(from, from + 100));

    const streams = jsonLines(await eventfoldOk(['streams', dir, '--json'])) as StreamLine[];
    expect(streams.map((line) => line.stream)).toEqual(Array.from({ length: count }, (_, i) => `cart-${i}`));
    const times = new Map((await readAll(dir)).map((event) => [event.stream, event.time]));
    for (const line of streams) expect(line.lastTime).toBe(times.get(line.stream));

    const stats = JSON.parse(await eventfoldOk(['stats', dir, '--json'])) as Record<string, unknown>;
    const files = segmentBytes(dir);
    expect(files.segments).toBeGreaterThan(1);
    expect(stats).toMatchObject({ events: count, streams: count, ...files });
    expect(stats.types).toEqual([
      { type: 'Even', events: count / 2 },
      { type: 'Odd', events: count / 2 },
    ]);
    expect((await eventfold(['verify', dir])).stdout).toContain(
      `${count} events, ${count} streams, ${files.segments} segments`,
    );
  });
});
