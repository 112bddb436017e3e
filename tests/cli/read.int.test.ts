import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import {
  appendLines,
  BIN,
  eventfold,
  eventfoldOk,
  jsonLines,
  newFolder,
  startEventfold,
} from './eventfold-process.js';

/** `eventfold read --json` prints each event in the store's own shape. */
type Printed = RecordedEvent;

const STREAMS = ['order-1', 'order-2', 'user-1', 'invoice-1', 'order-3'];
const TYPES = ['Placed', 'Paid', 'Noted'];
const EVENTS = 2500;

async function read(dir: string, ...args: string[]): Promise<Printed[]> {
  return jsonLines(await eventfoldOk(['read', dir, '--json', ...args])) as Printed[];
}

const positions = (events: readonly Printed[]): number[] => events.map((event) => event.position);
const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from <= to ? from + i : from - i));

describe('eventfold read over a folder of several pages', () => {
  let dir: string;
  let all: Printed[];

  beforeAll(async () => {
    dir = await newFolder('suite');
    // Two inputs, so that streams interleave in the log (each input appends a stream's events together).
    for (const half of [0, 1]) {
      const lines = Array.from({ length: EVENTS / 2 }, (_, i) => {
        const n = half * (EVENTS / 2) + i;
        return { stream: STREAMS[n % STREAMS.length], type: TYPES[n % TYPES.length], data: { n } };
      });
      await appendLines(dir, lines);
    }
    all = await read(dir);
  });

  it('prints every event once, in position order, each line exactly {position, stream, revision, id, type, time, data, meta}', async () => {
    expect(positions(all)).toEqual(range(1, EVENTS));
    const stdout = await eventfoldOk(['read', dir, '--json', '--limit', '1']);
    const line = stdout.split('\n')[0]!;
    const event = JSON.parse(line) as Printed;
    expect(Object.keys(event)).toEqual([
      'position',
      'stream',
      'revision',
      'id',
      'type',
      'time',
      'data',
      'meta',
    ]);
    expect(line).toBe(
      JSON.stringify({
        position: 1,
        stream: event.stream,
        revision: 0,
        id: event.id,
        type: event.type,
        time: event.time,
        data: event.data,
        meta: {},
      }),
    );
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Date(event.time).toISOString()).toBe(event.time);
    const revisions = new Map<string, number>();
    for (const { stream, revision } of all) {
      expect(revision).toBe(revisions.get(stream) ?? 0);
      revisions.set(stream, revision + 1);
    }
  });

  it('pages with --from, --limit and --backwards', async () => {
    expect(positions(await read(dir, '--from', '900', '--limit', '1200'))).toEqual(range(900, 2099));
    expect(positions(await read(dir, '--from', '2400'))).toEqual(range(2400, EVENTS));
    expect(await read(dir, '--from', '2501')).toEqual([]);
    expect(positions(await read(dir, '--backwards', '--limit', '3'))).toEqual([2500, 2499, 2498]);
    expect(positions(await read(dir, '--backwards', '--from', '1001'))).toEqual(range(1001, 1));
    expect(await read(dir, '--backwards')).toEqual([...all].reverse());
  });

  it('reads one stream by revision, forwards and backwards', async () => {
    const stream = all.filter((event) => event.stream === 'user-1');
    expect(await read(dir, '--stream', 'user-1')).toEqual(stream);
    const fromRevision = await read(dir, '--stream', 'user-1', '--from', '10', '--limit', '5');
    expect(fromRevision.map((event) => event.revision)).toEqual([10, 11, 12, 13, 14]);
    expect(fromRevision).toEqual(stream.slice(10, 15));
    const back = await read(dir, '--stream', 'user-1', '--backwards', '--from', '2');
    expect(back.map((event) => event.revision)).toEqual([2, 1, 0]);
    expect(await read(dir, '--stream', 'nobody')).toEqual([]);
  });

  it('filters by --category and by --type (repeatable), also within a stream', async () => {
    const orders = await read(dir, '--category', 'order');
    expect(orders).toEqual(all.filter((event) => event.stream.startsWith('order-')));
    const paidOrNoted = await read(dir, '--type', 'Paid', '--type', 'Noted');
    expect(paidOrNoted).toEqual(all.filter((event) => event.type !== 'Placed'));
    const invoicePaid = await read(
      dir,
      '--category',
      'invoice',
      '--type',
      'Paid',
      '--backwards',
      '--limit',
      '4',
    );
    expect(invoicePaid).toEqual(
      all
        .filter((event) => event.stream === 'invoice-1' && event.type === 'Paid')
        .reverse()
        .slice(0, 4),
    );
    const streamTyped = await read(dir, '--stream', 'order-2', '--type', 'Placed', '--limit', '1500');
    expect(streamTyped).toEqual(all.filter((event) => event.stream === 'order-2' && event.type === 'Placed'));
    expect(await read(dir, '--type', 'NeverHappened')).toEqual([]);
  });

  it('filters by field values with --where (repeatable), after the other filters, across pages', async () => {
    const n = (event: Printed): number => (event.data as { n: number }).n;
    expect(await read(dir, '--where', 'data.n >= 2400')).toEqual(all.filter((event) => n(event) >= 2400));
    const combined = await read(
      dir,
      '--category',
      'order',
      '--type',
      'Paid',
      '--where',
      'data.n < 1200',
      '--where',
      'data.n != 4',
      '--limit',
      '50',
    );
    expect(combined).toEqual(
      all
        .filter((e) => e.stream.startsWith('order-') && e.type === 'Paid' && n(e) < 1200 && n(e) !== 4)
        .slice(0, 50),
    );
    expect(
      await read(dir, '--stream', 'user-1', '--where', 'data.n exists', '--backwards', '--limit', '3'),
    ).toEqual(
      all
        .filter((e) => e.stream === 'user-1')
        .reverse()
        .slice(0, 3),
    );
    expect(await read(dir, '--where', 'data.missing exists')).toEqual([]);
    const bad = await eventfold(['read', dir, '--where', 'data.n >']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--where "data.n >": > needs a value to compare with, as in data.n > 100.');
  });

  it('prints a line per event for people: position, time, stream@revision, type, data', async () => {
    const stdout = await eventfoldOk(['read', dir, '--limit', '3']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const shown = all.slice(0, 3);
    const whereWidth = Math.max(...shown.map((event) => `${event.stream}@${event.revision}`.length));
    const typeWidth = Math.max(...shown.map((event) => event.type.length));
    expect(lines).toEqual(
      shown.map((event) =>
        [
          String(event.position).padStart(String(EVENTS).length),
          event.time,
          `${event.stream}@${event.revision}`.padEnd(whereWidth),
          event.type.padEnd(typeWidth),
          JSON.stringify(event.data),
        ].join('  '),
      ),
    );
    expect(lines[0]).toMatch(/^ {3}1 {2}\S+Z {2}order-1@0 {2}Placed {2}\{"n":0\}$/);
  });

  it('stops quietly with exit 0 when the reader of its output goes away (| head)', async () => {
    const child = spawn(process.execPath, [BIN, 'read', dir, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('eventfold read --follow', () => {
  it('prints events appended by another eventfold process until SIGINT, then exits 0', async () => {
    const dir = await newFolder();
    await appendLines(dir, [
      { stream: 'order-1', type: 'Placed' },
      { stream: 'user-1', type: 'Registered' },
    ]);
    const follow = startEventfold(['read', dir, '--follow', '--json', '--category', 'order']);
    await follow.waitForLine((line) => line.includes('"position":1,'));
    await eventfoldOk(['append', dir, 'user-2', 'Registered']);
    await eventfoldOk(['append', dir, 'order-2', 'Placed', '--data', '{"from":"elsewhere"}']);
    const seen = JSON.parse(await follow.waitForLine((line) => line.includes('"order-2"'))) as Printed;
    expect(seen).toMatchObject({
      position: 4,
      stream: 'order-2',
      revision: 0,
      type: 'Placed',
      data: { from: 'elsewhere' },
    });
    follow.child.kill('SIGINT');
    expect(await follow.exited).toEqual({ code: 0, signal: null });
    expect(
      follow.lines.filter((line) => line !== '').map((line) => (JSON.parse(line) as Printed).position),
    ).toEqual([1, 4]);
    expect(follow.stderr()).toBe('');
  });

  it('follows an empty folder from its first event, and stops by itself after --limit events', async () => {
    const dir = await newFolder();
    const follow = startEventfold(['read', dir, '--follow', '--json', '--from', '2', '--limit', '2']);
    // Give it time to open and start watching before the log file even exists.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await eventfoldOk(['append', dir, 'a', 'One']);
    await eventfoldOk(['append', dir, 'b', 'Two']);
    await follow.waitForLine((line) => line.includes('"position":2,'));
    await eventfoldOk(['append', dir, 'c', 'Three']);
    expect(await follow.exited).toEqual({ code: 0, signal: null });
    expect(
      follow.lines.filter((line) => line !== '').map((line) => (JSON.parse(line) as Printed).type),
    ).toEqual(['Two', 'Three']);
  });

  it('exits 0 on SIGTERM too', async () => {
    const dir = await newFolder();
    const follow = startEventfold(['read', dir, '--follow']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await eventfoldOk(['append', dir, 'a', 'One']);
    await follow.waitForLine((line) => line.includes('a@0'));
    follow.child.kill('SIGTERM');
    expect(await follow.exited).toEqual({ code: 0, signal: null });
    expect(await eventfold(['verify', dir])).toMatchObject({ code: 0 });
  });
});
