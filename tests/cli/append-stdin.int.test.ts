import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import { BIN, eventfold, eventfoldOk, jsonLines, newFolder, tempDir } from './eventfold-process.js';

async function readAll(dir: string): Promise<RecordedEvent[]> {
  return jsonLines(await eventfoldOk(['read', dir, '--json', '--limit', '100000'])) as RecordedEvent[];
}

/** "position stream@revision type": what the log holds, in position order. */
async function logOf(dir: string): Promise<string[]> {
  return (await readAll(dir)).map(
    (event) => `${event.position} ${event.stream}@${event.revision} ${event.type}`,
  );
}

const lines = (events: readonly Record<string, unknown>[]): string =>
  events.map((event) => JSON.stringify(event)).join('\n');

describe('eventfold append --stdin: input order', () => {
  it('gives events positions in input order across streams, skipping blank lines', async () => {
    const dir = await newFolder();
    const input = [
      '{"stream":"cart-1","type":"Opened","data":{"n":1},"expectedRevision":"no-stream"}',
      '',
      '{"stream":"cart-2","type":"Opened","meta":{"via":"import"}}',
      '   ',
      '{"stream":"cart-1","type":"Added","expectedRevision":0}',
      '{"stream":"cart-1","type":"Added","id":"3e0b7a52-98c4-4d1f-a0e2-6b5c4d3e2f1a"}',
      '{"stream":"cart-2","type":"Closed"}',
    ].join('\r\n');
    const result = await eventfold(['append', dir, '--stdin', '--json'], { input });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // A line with a numeric expectedRevision starts an append of its own; the line after it joins it.
    expect(jsonLines(result.stdout)).toEqual([
      {
        stream: 'cart-1',
        events: 1,
        lines: [1, 1],
        firstPosition: 1,
        lastPosition: 1,
        nextExpectedRevision: 0,
        duplicate: false,
      },
      {
        stream: 'cart-2',
        events: 1,
        lines: [3, 3],
        firstPosition: 2,
        lastPosition: 2,
        nextExpectedRevision: 0,
        duplicate: false,
      },
      {
        stream: 'cart-1',
        events: 2,
        lines: [5, 6],
        firstPosition: 3,
        lastPosition: 4,
        nextExpectedRevision: 2,
        duplicate: false,
      },
      {
        stream: 'cart-2',
        events: 1,
        lines: [7, 7],
        firstPosition: 5,
        lastPosition: 5,
        nextExpectedRevision: 1,
        duplicate: false,
      },
    ]);
    expect(await logOf(dir)).toEqual([
      '1 cart-1@0 Opened',
      '2 cart-2@0 Opened',
      '3 cart-1@1 Added',
      '4 cart-1@2 Added',
      '5 cart-2@1 Closed',
    ]);
    const events = await readAll(dir);
    expect(events[3]?.id).toBe('3e0b7a52-98c4-4d1f-a0e2-6b5c4d3e2f1a');
    expect(events[1]?.meta).toEqual({ via: 'import' });

    const text = await eventfold(['append', dir, '--stdin'], {
      input: '{"stream":"cart-2","type":"Reopened"}\n',
    });
    expect(text).toEqual({ code: 0, stdout: 'Read 1 line: appended 1 event at position 6\n', stderr: '' });
  });

  it('keeps the order of thousands of lines of many streams, through many batches', async () => {
    const dir = await newFolder();
    const count = 4500;
    const input = Array.from({ length: count }, (_, i) => ({
      stream: `cart-${(i * 7) % 13}`,
      type: 'Numbered',
      data: { i },
    }));
    const result = await eventfold(['append', dir, '--stdin'], { input: lines(input) });
    expect(result.stdout).toBe(`Read 4,500 lines: appended 4,500 events at positions 1-4,500\n`);
    const events = await readAll(dir);
    expect(events.map((event) => (event.data as { i: number }).i)).toEqual(input.map((_, i) => i));
    const revisions = new Map<string, number>();
    for (const event of events) {
      expect(event.revision).toBe(revisions.get(event.stream) ?? 0);
      revisions.set(event.stream, event.revision + 1);
    }
  });
});

describe('eventfold append --stdin: failures stop the import at their line', () => {
  it('a bad line in the middle: every line before it is stored, none after, and the message says so', async () => {
    const dir = await newFolder();
    const input = [
      JSON.stringify({ stream: 'order-1', type: 'Placed' }),
      JSON.stringify({ stream: 'order-2', type: 'Placed' }),
      JSON.stringify({ stream: 'order-1', type: 'Paid' }),
      '{"stream":"order-3","type":"Placed",}',
      JSON.stringify({ stream: 'order-3', type: 'Paid' }),
    ];
    const result = await eventfold(['append', dir, '--stdin'], { input: input.join('\n') });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'eventfold: line 4 is not valid JSON: expected a property name in double quotes but found "}" at ' +
        'position 36; lines 1-3 were appended (3 events at positions 1-3), nothing from line 4 on. To go on, ' +
        'put line 4 right and run the input again from it (tail -n +4), or run the whole input again if ' +
        'every line has an id\n',
    });
    expect(await logOf(dir)).toEqual(['1 order-1@0 Placed', '2 order-2@0 Placed', '3 order-1@1 Paid']);
    // Going on from the line put right appends the rest, in order.
    input[3] = JSON.stringify({ stream: 'order-3', type: 'Placed' });
    await eventfoldOk(['append', dir, '--stdin'], { input: input.slice(3).join('\n') });
    expect((await logOf(dir)).slice(3)).toEqual(['4 order-3@0 Placed', '5 order-3@1 Paid']);
  });

  it('exits 3 on a wrong expected revision, naming the line; the lines before it are stored', async () => {
    const dir = await newFolder();
    await eventfoldOk(['append', dir, 'order-2', 'Placed']);
    const input = lines([
      { stream: 'order-1', type: 'Placed' },
      { stream: 'order-1', type: 'Paid' },
      { stream: 'order-2', type: 'Placed', expectedRevision: 'no-stream' },
      { stream: 'order-2', type: 'Paid' },
      { stream: 'order-3', type: 'Placed' },
    ]);
    const result = await eventfold(['append', dir, '--stdin'], { input });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'eventfold: line 3: Wrong expected revision for stream "order-2": expected no-stream, actual 0; ' +
        'lines 1-2 were appended (2 events at positions 2-3), nothing from line 3 on (lines 3-4 of ' +
        'stream "order-2" are one append). To go on, put line 3 right and run the input again from it ' +
        '(tail -n +3), or run the whole input again if every line has an id\n',
    );
    expect(await logOf(dir)).toEqual(['1 order-2@0 Placed', '2 order-1@0 Placed', '3 order-1@1 Paid']);
  });

  it('consecutive lines of a stream are one append: a duplicate id in them stores none of them', async () => {
    const dir = await newFolder();
    const id = randomUUID();
    const input = lines([
      { stream: 'order-9', type: 'Placed' },
      { stream: 'order-1', type: 'Placed', id },
      { stream: 'order-1', type: 'Paid' },
      { stream: 'order-1', type: 'Shipped', id },
      { stream: 'order-2', type: 'Placed' },
    ]);
    const result = await eventfold(['append', dir, '--stdin'], { input });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `eventfold: line 4: event id ${id} is already used on line 2 for stream "order-1"; line 1 was ` +
        'appended (1 event at position 1), nothing from line 2 on (lines 2-4 of stream "order-1" are one append)',
    );
    expect(await logOf(dir)).toEqual(['1 order-9@0 Placed']);
  });

  it('names the line of a bad event, whatever is wrong with it', async () => {
    const cases: [string, string][] = [
      ['["order-9","Placed"]', 'line 3: expected an object'],
      [
        '{"stream":"order-9","type":"Placed","expected_revision":0}',
        'line 3: unknown field "expected_revision"',
      ],
      ['{"type":"Placed"}', 'line 3: Stream id must be a non-empty string'],
      [
        JSON.stringify({ stream: 'x'.repeat(600), type: 'Placed' }),
        'line 3: Stream id is 600 bytes long; the limit is 512 bytes',
      ],
      ['{"stream":"order-9","type":""}', 'line 3: event type must be a non-empty string'],
      ['{"stream":"order-9","type":"Placed","id":"nope"}', 'line 3: event id must be a UUID'],
      [
        '{"stream":"order-9","type":"Placed","expectedRevision":-1}',
        'line 3: Expected revision must be a whole number',
      ],
      [
        JSON.stringify({ stream: 'order-9', type: 'Big', data: 'x'.repeat(1024 * 1024) }),
        'line 3 (type "Big") takes',
      ],
    ];
    const dir = await newFolder();
    for (const [bad, message] of cases) {
      const input = [
        lines([{ stream: 'order-1', type: 'Placed' }]),
        '',
        bad,
        lines([{ stream: 'order-2', type: 'Placed' }]),
      ];
      // --atomic: the same message, and nothing appended, so the folder stays empty from case to case.
      const result = await eventfold(['append', dir, '--stdin', '--atomic'], { input: input.join('\n') });
      expect({ bad: bad.slice(0, 80), code: result.code, stdout: result.stdout }).toEqual({
        bad: bad.slice(0, 80),
        code: 1,
        stdout: '',
      });
      expect(result.stderr).toMatch(/^eventfold: .*; nothing was appended \(--atomic\)\n$/);
      expect(result.stderr).toContain(message);
    }
    expect(await readAll(dir)).toEqual([]);
  });
});

describe('eventfold append --stdin: resuming', () => {
  it('running the same input with ids again appends nothing twice, so an interrupted import goes on', async () => {
    const dir = await newFolder();
    const input = Array.from({ length: 2500 }, (_, i) => ({
      stream: `cart-${i % 7}`,
      type: 'Numbered',
      id: randomUUID(),
      data: { i },
    }));
    // The first run stopped after 1,700 lines (killed, or cut short by a bad line).
    await eventfoldOk(['append', dir, '--stdin'], { input: lines(input.slice(0, 1700)) });
    const resumed = await eventfold(['append', dir, '--stdin'], { input: lines(input) });
    expect(resumed).toEqual({
      code: 0,
      stdout:
        'Read 2,500 lines: appended 800 events at positions 1,701-2,500; 1,700 were there already (same ids and content)\n',
      stderr: '',
    });
    const events = await readAll(dir);
    expect(events.map((event) => event.id)).toEqual(input.map((line) => line.id));
    const again = await eventfoldOk(['append', dir, '--stdin', '--json'], { input: lines(input) });
    expect((jsonLines(again) as { duplicate: boolean }[]).every((append) => append.duplicate)).toBe(true);
    expect(await readAll(dir)).toHaveLength(2500);
  });
});

describe('eventfold append --stdin --atomic', () => {
  it('appends the whole input as one append across streams, or nothing of it', async () => {
    const dir = await newFolder();
    await eventfoldOk(['append', dir, 'order-2', 'Placed']);
    const input = [
      { stream: 'order-1', type: 'Placed' },
      { stream: 'order-2', type: 'Paid' },
      { stream: 'order-1', type: 'Paid' },
      { stream: 'order-2', type: 'Shipped', expectedRevision: 5 },
    ];
    const refused = await eventfold(['append', dir, '--stdin', '--atomic'], { input: lines(input) });
    expect(refused).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'eventfold: line 4: Wrong expected revision for stream "order-2": expected 5, actual 1; ' +
        'nothing was appended (--atomic)\n',
    });
    expect(await logOf(dir)).toEqual(['1 order-2@0 Placed']);
    input[3] = { stream: 'order-2', type: 'Shipped', expectedRevision: 1 };
    const done = await eventfold(['append', dir, '--stdin', '--atomic'], { input: lines(input) });
    expect(done.stdout).toBe('Read 4 lines: appended 4 events at positions 2-5\n');
    expect(await logOf(dir)).toEqual([
      '1 order-2@0 Placed',
      '2 order-1@0 Placed',
      '3 order-2@1 Paid',
      '4 order-1@1 Paid',
      '5 order-2@2 Shipped',
    ]);
    // One atomic append: the lines carry one `more` chain across both streams, and the folder verifies.
    const log = fs.readdirSync(path.join(dir, 'log')).find((name) => name.endsWith('.jsonl'))!;
    const stored = fs
      .readFileSync(path.join(dir, 'log', log), 'utf8')
      .trim()
      .split('\n');
    expect(stored.slice(1).map((line) => (JSON.parse(line) as { more?: number }).more)).toEqual([
      3,
      2,
      1,
      undefined,
    ]);
    expect(await eventfold(['verify', dir])).toMatchObject({ code: 0 });
  });

  it(`refuses an input over its documented size (32 MiB), appending nothing`, async () => {
    const dir = await newFolder();
    const big = JSON.stringify({ stream: 'blob-1', type: 'Blob', data: 'b'.repeat(1000 * 1000) });
    const input = Array.from({ length: 34 }, () => big).join('\n');
    const result = await eventfold(['append', dir, '--stdin', '--atomic'], { input });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 34: the input passes 32 MiB, the most --atomic takes');
    expect(result.stderr).toContain('nothing was appended');
    expect(await readAll(dir)).toEqual([]);
    // Without --atomic the same input goes in.
    expect(await eventfold(['append', dir, '--stdin'], { input })).toMatchObject({ code: 0 });
  });
});

describe('eventfold append --stdin: the terminal and the pipe', () => {
  it('shows progress on a terminal (stderr), and only the summary otherwise', async () => {
    const dir = await newFolder();
    const file = path.join(tempDir(), 'events.jsonl');
    const out = fs.createWriteStream(file);
    for (let i = 0; i < 60_000; i++)
      out.write(`{"stream":"cart-${i % 50}","type":"Numbered","data":{"i":${i}}}\n`);
    await new Promise<void>((resolve) => out.end(() => resolve()));
    // script(1) runs the command on a pseudo-terminal, as a person at a terminal would.
    const command = `${process.execPath} ${BIN} append ${dir} --stdin < ${file}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let shown = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (shown += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(shown).toMatch(/appending \d+% \(/);
    expect(shown).toContain('Read 60,000 lines: appended 60,000 events at positions 1-60,000');
    const piped = await eventfold(['append', dir, '--stdin'], { input: fs.readFileSync(file, 'utf8') });
    expect(piped).toEqual({
      code: 0,
      stdout: 'Read 60,000 lines: appended 60,000 events at positions 60,001-120,000\n',
      stderr: '',
    });
  });

  it('finishes appending when the reader of its output goes away early', async () => {
    const dir = await newFolder();
    const count = 3000;
    const input = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ stream: `cart-${i}`, type: 'Opened' }),
    );
    const child = spawn(process.execPath, [BIN, 'append', dir, '--stdin', '--json'], {
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

  it('exits 2 for STREAM or TYPE with --stdin and for --atomic without it; empty input appends nothing', async () => {
    const dir = await newFolder();
    const both = await eventfold(['append', dir, 'order-1', '--stdin'], {
      input: '{"stream":"a","type":"T"}',
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('with --stdin, give only DIR');
    const atomic = await eventfold(['append', dir, 'order-1', 'Placed', '--atomic']);
    expect(atomic.code).toBe(2);
    expect(atomic.stderr).toContain('--atomic goes with --stdin');
    const empty = await eventfold(['append', dir, '--stdin'], { input: '\n\n' });
    expect(empty).toEqual({ code: 0, stdout: 'Read 2 lines: appended no new events\n', stderr: '' });
    expect(await readAll(dir)).toEqual([]);
  });
});
