import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import {
  appendLines,
  BIN,
  eventfold,
  eventfoldOk,
  jsonLines,
  newFolder,
  tempDir,
} from './eventfold-process.js';

/** `eventfold read --json` prints each event in the store's own shape. */
type Printed = RecordedEvent;

async function readAll(dir: string): Promise<Printed[]> {
  return jsonLines(await eventfoldOk(['read', dir, '--json'])) as Printed[];
}

describe('eventfold init', () => {
  it('creates an event folder, saying what it created, and refuses a folder that holds files', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'new', 'journal');
    const result = await eventfold(['init', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created event folder ${dir}`);
    expect(result.stdout).toContain(path.join(dir, 'eventfold.json'));
    expect(result.stdout).toContain(path.join(dir, 'log'));
    expect(fs.readdirSync(dir).sort()).toEqual(['eventfold.json', 'log']);

    const again = await eventfold(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`eventfold: ${dir} is already an event folder (it has eventfold.json)\n`);

    const busy = path.join(parent, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    const refused = await eventfold(['init', busy]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${busy} is not empty (it holds notes.txt)`);
    expect(fs.readdirSync(busy)).toEqual(['notes.txt']);

    const file = path.join(busy, 'notes.txt');
    expect(await eventfold(['init', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `eventfold: ${file} is a file, not a folder; give a new or empty folder\n`,
    });
  });
});

describe('eventfold append', () => {
  it('appends an event with data, meta and id, and prints where it went', async () => {
    const dir = await newFolder();
    const id = '0b6a1c64-2f5e-4c1a-9d3e-5a7b8c9d0e1f';
    const first = await eventfold([
      'append',
      dir,
      'order-1',
      'Placed',
      '--data',
      '{"total": 12.5}',
      '--meta',
      '{"by":"ann"}',
      '--id',
      id,
    ]);
    expect(first).toEqual({ code: 0, stdout: 'Appended to order-1 at revision 0, position 1\n', stderr: '' });
    const second = await eventfold(['append', dir, 'order-1', 'Paid', '--expected-revision', '0', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      firstPosition: 2,
      lastPosition: 2,
      nextExpectedRevision: 1,
      duplicate: false,
    });

    const events = await readAll(dir);
    expect(
      events.map(({ position, stream, revision, type, data, meta }) => ({
        position,
        stream,
        revision,
        type,
        data,
        meta,
      })),
    ).toEqual([
      {
        position: 1,
        stream: 'order-1',
        revision: 0,
        type: 'Placed',
        data: { total: 12.5 },
        meta: { by: 'ann' },
      },
      { position: 2, stream: 'order-1', revision: 1, type: 'Paid', data: {}, meta: {} },
    ]);
    expect(events[0]?.id).toBe(id);
  });

  it('does nothing when the same id and content is appended again, and says so', async () => {
    const dir = await newFolder();
    const args = [
      'append',
      dir,
      'order-1',
      'Placed',
      '--data',
      '{"n":1}',
      '--id',
      '6f1d2b3c-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    ];
    await eventfoldOk(args);
    const retry = await eventfold(args);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toBe('Already in order-1 at position 1 (same ids and content); nothing written\n');
    expect(await readAll(dir)).toHaveLength(1);
  });

  it('exits 1 for bad JSON in --data or --meta, naming the option, the error and its position', async () => {
    const dir = await newFolder();
    const data = await eventfold(['append', dir, 'order-1', 'Placed', '--data', '{"total": 12,}']);
    expect(data.code).toBe(1);
    expect(data.stderr).toBe(
      'eventfold: --data is not valid JSON: expected a property name in double quotes but found "}" at position 13\n',
    );
    const meta = await eventfold(['append', dir, 'order-1', 'Placed', '--meta', "{by: 'ann'}"]);
    expect(meta.code).toBe(1);
    expect(meta.stderr).toContain(
      '--meta is not valid JSON: expected a property name in double quotes but found "b" at position 1',
    );
    expect(await readAll(dir)).toEqual([]);
  });

  it('exits 1 for a stream id over the limit, naming the limit', async () => {
    const dir = await newFolder();
    const result = await eventfold(['append', dir, 's'.repeat(513), 'Placed']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('eventfold: Stream id is 513 bytes long; the limit is 512 bytes (UTF-8)\n');
    expect(await eventfold(['append', dir, 's'.repeat(512), 'Placed'])).toMatchObject({ code: 0 });
  });

  it('exits 1 for an id that is not a UUID and for an event type that is empty', async () => {
    const dir = await newFolder();
    const badId = await eventfold(['append', dir, 'order-1', 'Placed', '--id', 'order-1-placed']);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain('event id must be a UUID, not "order-1-placed"');
    const noType = await eventfold(['append', dir, 'order-1', '']);
    expect(noType.code).toBe(1);
    expect(noType.stderr).toContain('event type must be a non-empty string');
  });

  it('exits 3 on a wrong expected revision, naming expected and actual, and appends nothing', async () => {
    const dir = await newFolder();
    await eventfoldOk(['append', dir, 'order-1', 'Placed']);
    const stale = await eventfold(['append', dir, 'order-1', 'Paid', '--expected-revision', '4']);
    expect(stale).toEqual({
      code: 3,
      stdout: '',
      stderr: 'eventfold: Wrong expected revision for stream "order-1": expected 4, actual 0\n',
    });
    const fresh = await eventfold(['append', dir, 'order-1', 'Placed', '--expected-revision', 'no-stream']);
    expect(fresh.code).toBe(3);
    expect(fresh.stderr).toContain('expected no-stream, actual 0');
    const exists = await eventfold(['append', dir, 'order-2', 'Placed', '--expected-revision', 'exists']);
    expect(exists.code).toBe(3);
    expect(exists.stderr).toContain('expected exists, actual no-stream');
    expect(await readAll(dir)).toHaveLength(1);
  });

  it('exits 1 when the folder does not exist', async () => {
    const missing = path.join(tempDir(), 'missing');
    const result = await eventfold(['append', missing, 'order-1', 'Placed']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `eventfold: ${missing} does not exist\n` });
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe('eventfold append --stdin', () => {
  it("appends each stream's lines together, in order of first appearance, skipping blank lines", async () => {
    const dir = await newFolder();
    const input = [
      '{"stream":"order-1","type":"Placed","data":{"n":1},"expectedRevision":"no-stream"}',
      '',
      '{"stream":"user-7","type":"Registered","meta":{"via":"import"}}',
      '   ',
      '{"stream":"order-1","type":"Paid","expectedRevision":0}',
      '{"stream":"order-1","type":"Shipped","id":"3e0b7a52-98c4-4d1f-a0e2-6b5c4d3e2f1a"}',
    ].join('\r\n');
    const result = await eventfold(['append', dir, '--stdin', '--json'], { input });
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      {
        stream: 'order-1',
        events: 3,
        firstPosition: 1,
        lastPosition: 3,
        nextExpectedRevision: 2,
        duplicate: false,
      },
      {
        stream: 'user-7',
        events: 1,
        firstPosition: 4,
        lastPosition: 4,
        nextExpectedRevision: 0,
        duplicate: false,
      },
    ]);
    const events = await readAll(dir);
    expect(
      events.map((event) => `${event.position} ${event.stream}@${event.revision} ${event.type}`),
    ).toEqual(['1 order-1@0 Placed', '2 order-1@1 Paid', '3 order-1@2 Shipped', '4 user-7@0 Registered']);
    expect(events[2]?.id).toBe('3e0b7a52-98c4-4d1f-a0e2-6b5c4d3e2f1a');
    expect(events[3]?.meta).toEqual({ via: 'import' });

    const text = await eventfold(['append', dir, '--stdin'], {
      input: '{"stream":"user-7","type":"Renamed"}\n',
    });
    expect(text.stdout).toBe('Appended to user-7 at revision 1, position 5\nAppended 1 event to 1 stream\n');
  });

  it('appends nothing when any line is bad, naming the line', async () => {
    const dir = await newFolder();
    const good = (n: number): string => JSON.stringify({ stream: `order-${n}`, type: 'Placed' });
    const cases: [string, string][] = [
      [
        '{"stream":"order-9","type":"Placed",}',
        'line 7 is not valid JSON: expected a property name in double quotes but found "}" at position 36',
      ],
      ['["order-9","Placed"]', 'line 7: expected an object'],
      [
        '{"stream":"order-9","type":"Placed","expected_revision":0}',
        'line 7: unknown field "expected_revision"',
      ],
      ['{"type":"Placed"}', 'line 7: Stream id must be a non-empty string'],
      [
        JSON.stringify({ stream: 'x'.repeat(600), type: 'Placed' }),
        'line 7: Stream id is 600 bytes long; the limit is 512 bytes',
      ],
      ['{"stream":"order-9","type":""}', 'line 7: event type must be a non-empty string'],
      ['{"stream":"order-9","type":"Placed","id":"nope"}', 'line 7: event id must be a UUID'],
      [
        '{"stream":"order-9","type":"Placed","expectedRevision":-1}',
        'line 7: Expected revision must be a whole number',
      ],
      [
        JSON.stringify({ stream: 'order-9', type: 'Big', data: 'x'.repeat(1024 * 1024) }),
        'line 7 (type "Big") takes',
      ],
      [
        '{"stream":"order-1","type":"Paid","expectedRevision":"no-stream"}',
        'line 7: expectedRevision no-stream for stream "order-1" contradicts line 1',
      ],
      [
        '{"stream":"order-1","type":"Paid","expectedRevision":5}',
        'line 7: expectedRevision 5 for stream "order-1" contradicts line 1 (expectedRevision no-stream): after the 1 earlier event of this stream in the input it would be 0',
      ],
      [
        '{"stream":"order-2","type":"Paid","expectedRevision":3}',
        'line 7: expectedRevision 3 for stream "order-2" cannot be checked',
      ],
    ];
    for (const [bad, message] of cases) {
      const lines = [
        JSON.stringify({ stream: 'order-1', type: 'Placed', expectedRevision: 'no-stream' }),
        good(2),
        good(3),
        '',
        good(4),
        good(5),
        bad,
        good(6),
      ];
      const result = await eventfold(['append', dir, '--stdin'], { input: lines.join('\n') });
      expect({ bad, code: result.code }).toEqual({ bad, code: 1 });
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^eventfold: .*\n$/);
      expect(result.stderr).toContain(message);
    }
    expect(await readAll(dir)).toEqual([]);
  });

  it('accepts later expectations that follow from the first line of the stream', async () => {
    const dir = await newFolder();
    await eventfoldOk(['append', dir, 'order-1', 'Placed']);
    await appendLines(dir, [
      { stream: 'order-1', type: 'Paid', expectedRevision: 0 },
      { stream: 'order-1', type: 'Packed', expectedRevision: 1 },
      { stream: 'order-1', type: 'Shipped', expectedRevision: 'exists' },
      { stream: 'order-1', type: 'Delivered', expectedRevision: 'any' },
    ]);
    expect((await readAll(dir)).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
  });

  it('exits 3 when a stream is not at its expected revision, naming it; the other streams are appended', async () => {
    const dir = await newFolder();
    await eventfoldOk(['append', dir, 'order-2', 'Placed']);
    const input = [
      { stream: 'order-1', type: 'Placed' },
      { stream: 'order-2', type: 'Placed', expectedRevision: 'no-stream' },
      { stream: 'order-1', type: 'Paid' },
      { stream: 'order-3', type: 'Placed' },
      { stream: 'order-2', type: 'Paid' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const result = await eventfold(['append', dir, '--stdin'], { input });
    expect(result).toEqual({
      code: 3,
      stdout:
        'Appended to order-1 at revisions 0-1, positions 2-3\nAppended to order-3 at revision 0, position 4\n',
      stderr:
        'eventfold: stream "order-2" (lines 2, 5): Wrong expected revision for stream "order-2": ' +
        'expected no-stream, actual 0; 2 other streams appended\n',
    });
    expect((await readAll(dir)).map((event) => `${event.stream}@${event.revision}`)).toEqual([
      'order-2@0',
      'order-1@0',
      'order-1@1',
      'order-3@0',
    ]);
  });

  it('appends many streams in input order, and starts no more after a window with a failure', async () => {
    const dir = await newFolder();
    await eventfoldOk(['append', dir, 'cart-2', 'Opened']);
    const count = 300;
    const lines = Array.from({ length: count }, (_, i) => ({
      stream: `cart-${i}`,
      type: 'Opened',
      ...(i === 2 || i === 5 ? { expectedRevision: 'no-stream' } : {}),
    }));
    lines[5] = { stream: 'cart-5', type: 'Opened', expectedRevision: 'exists' };
    const result = await eventfold(['append', dir, '--stdin', '--json'], {
      input: lines.map((line) => JSON.stringify(line)).join('\n'),
    });
    expect(result.code).toBe(3);
    const printed = jsonLines(result.stdout) as { stream: string; firstPosition: number }[];
    // The first window (256 streams) was under way: all of it but the two conflicts went in, in input order.
    expect(printed).toHaveLength(254);
    expect(printed.map((line) => line.firstPosition)).toEqual(Array.from({ length: 254 }, (_, i) => i + 2));
    expect(printed.map((line) => line.stream)).toEqual(
      Array.from({ length: 256 }, (_, i) => `cart-${i}`).filter(
        (stream) => stream !== 'cart-2' && stream !== 'cart-5',
      ),
    );
    expect(result.stderr).toBe(
      'eventfold: stream "cart-2" (line 3): Wrong expected revision for stream "cart-2": expected no-stream, actual 0\n' +
        'eventfold: stream "cart-5" (line 6): Wrong expected revision for stream "cart-5": expected exists, actual no-stream; ' +
        '254 other streams appended, 44 streams after it not attempted (2 streams failed)\n',
    );
    expect(await readAll(dir)).toHaveLength(255);
  });

  it('finishes appending when the reader of its output goes away early', async () => {
    const dir = await newFolder();
    const count = 600;
    const input = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ stream: `cart-${i}`, type: 'Opened' }),
    );
    const child = spawn(process.execPath, [BIN, 'append', dir, '--stdin'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(input.join('\n'));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(await readAll(dir)).toHaveLength(count);
  });

  it('exits 2 when STREAM or TYPE is given with --stdin, and appends nothing for empty input', async () => {
    const dir = await newFolder();
    const both = await eventfold(['append', dir, 'order-1', '--stdin'], {
      input: '{"stream":"a","type":"T"}',
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('with --stdin, give only DIR');
    const empty = await eventfold(['append', dir, '--stdin'], { input: '\n\n' });
    expect(empty).toEqual({ code: 0, stdout: 'Appended 0 events to 0 streams\n', stderr: '' });
    expect(await readAll(dir)).toEqual([]);
  });
});
