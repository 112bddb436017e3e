import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import { encodeLines, lineHead } from '../../electron/store/event-line.js';
import { initEventFolder, MAX_PAGE, openEventStore } from '../../electron/store/index.js';
import { blockUnder, readFormatDoc } from './format-doc-blocks.js';

/**
 * The commands docs/FORMAT.md shows are run for real, in a folder the store wrote, and must print what the
 * store reads. A tool they need that is missing is a failure, not a skip: .ci/run installs jq and python3.
 */
const doc = readFormatDoc();
const made: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-format-'));
  made.push(dir);
  return dir;
}

function requireTool(tool: string, install: string): void {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `${tool} is not installed, and docs/FORMAT.md's ${tool} examples must be run by this test: ${install}`,
    );
  }
}

function shell(command: string, cwd: string): SpawnSyncReturns<string> {
  return spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8' });
}

function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

function expectSameEvents(printed: unknown[], events: readonly RecordedEvent[]): void {
  expect(printed).toStrictEqual(events);
  // Same fields in the same order as the store returns them, not just equal objects.
  expect(printed.map((event) => Object.keys(event as object))).toStrictEqual(events.map(Object.keys));
}

async function storeView(dir: string): Promise<{ all: RecordedEvent[]; order42: RecordedEvent[] }> {
  const store = await openEventStore(dir, { readOnly: true, watch: false, cache: false });
  try {
    const all = await store.readAll({ limit: MAX_PAGE });
    expect(all.next).toBeNull();
    const order42 = await store.readStream('order-42', { limit: MAX_PAGE });
    return { all: all.events, order42: order42.events };
  } finally {
    await store.close();
  }
}

let folder: string;
let events: RecordedEvent[];
let order42: RecordedEvent[];
let typeCounts: Record<string, number>;

beforeAll(async () => {
  folder = tempDir();
  // The smallest segment limit the manifest honours, so that the events span several segments and the
  // commands must read them in order.
  await initEventFolder(folder, { segmentSizeLimit: 1024 });
  const store = await openEventStore(folder, { watch: false });
  try {
    await store.appendToStream('order-42', [
      { type: 'OrderPlaced', data: { total: 12.5, items: ['tea', 'café'] }, meta: { user: 'ana' } },
    ]);
    for (let i = 0; i < 12; i++) {
      await store.appendToStream(`user-${i}`, [{ type: 'Registered', data: { n: i, even: i % 2 === 0 } }]);
      if (i === 5) {
        await store.appendToStream('order-42', [
          { type: 'ItemAdded', data: { item: 'scone 🍰', note: '"quoted" \\ back\nslash\ttab' } },
          { type: 'ItemAdded', data: { item: '日本語 𝄞', weights: [0.1, 1e-7, 123456789] } },
          { type: 'OrderShipped', data: { carrier: null, tracked: false }, meta: { by: 'Zoë' } },
        ]);
      }
    }
    await store.appendToStream('ünïcødé-strëam ✓', [
      { type: 'Noted', data: ['a', { b: [] }], meta: 'plain' },
    ]);
    await store.appendToStream('user-3', [{ type: 'Renamed', data: { to: 'Ünal' } }, { type: 'Verified' }]);
    typeCounts = Object.fromEntries(store.eventTypes().map(({ type, events: count }) => [type, count]));
  } finally {
    await store.close();
  }
  ({ all: events, order42 } = await storeView(folder));
  const segments = fs.readdirSync(path.join(folder, 'log')).filter((name) => name.endsWith('.jsonl'));
  expect(segments.length, 'the events span several segments').toBeGreaterThanOrEqual(3);
  expect(events).toHaveLength(19);
});

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the jq commands in docs/FORMAT.md', () => {
  it('"Print every event with jq" prints every event the store reads, in order, with the same fields', () => {
    requireTool('jq', 'apt-get install -y jq (.ci/run installs it)');
    const result = shell(blockUnder(doc, '### Print every event with jq', 'sh'), folder);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectSameEvents(jsonLines(result.stdout), events);
  });

  it('"Events of one stream" prints the events of that stream only', () => {
    requireTool('jq', 'apt-get install -y jq (.ci/run installs it)');
    const command = blockUnder(doc, '### Events of one stream', 'sh');
    expect(command).toContain('"order-42"');
    const result = shell(command, folder);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(order42).toHaveLength(4);
    expectSameEvents(jsonLines(result.stdout), order42);
  });

  it('"Count events by type" counts as the store does', () => {
    requireTool('jq', 'apt-get install -y jq (.ci/run installs it)');
    const result = shell(blockUnder(doc, '### Count events by type', 'sh'), folder);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toStrictEqual(typeCounts);
    expect(typeCounts).toMatchObject({ Registered: 12, ItemAdded: 2 });
  });
});

describe('the Python reader in docs/FORMAT.md', () => {
  let script: string;

  beforeAll(() => {
    script = path.join(tempDir(), 'read_events.py');
    fs.writeFileSync(script, blockUnder(doc, '## Reading it from Python', 'python'));
  });

  function runPython(dir: string): SpawnSyncReturns<string> {
    requireTool('python3', 'install Python 3 (.ci/run needs it on the machine)');
    return spawnSync('python3', [script, dir], { encoding: 'utf8' });
  }

  function copyOfFolder(): string {
    const copy = tempDir();
    fs.cpSync(folder, copy, { recursive: true });
    return copy;
  }

  function lastSegment(dir: string): string {
    const names = fs.readdirSync(path.join(dir, 'log')).filter((name) => /^\d{12}\.jsonl$/.test(name));
    return path.join(dir, 'log', names.sort().at(-1)!);
  }

  it('prints every event the store reads, in order, with the same fields', () => {
    const result = runPython(folder);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectSameEvents(jsonLines(result.stdout), events);
  });

  it('holds back an unfinished append and ignores an incomplete last line, as the store does', async () => {
    const copy = copyOfFolder();
    const last = events.at(-1)!;
    const unfinished = lineHead({
      position: last.position + 1,
      stream: 'order-42',
      revision: order42.length,
      id: '0b9d6e1f-3c47-4a2e-8f15-92d4c6a7e803',
      type: 'ItemAdded',
      time: '2026-01-15T09:31:07.250Z',
      dataJson: '{"item":"never finished"}',
      metaJson: '{}',
      more: 1,
    });
    fs.appendFileSync(
      lastSegment(copy),
      Buffer.concat([encodeLines([unfinished]).bytes, Buffer.from('{"posi')]),
    );
    const result = runPython(copy);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectSameEvents(jsonLines(result.stdout), events);
    expect((await storeView(copy)).all).toStrictEqual(events);
  });

  it('refuses a line whose checksum does not match, naming the segment and line', () => {
    const copy = copyOfFolder();
    const first = path.join(copy, 'log', '000000000001.jsonl');
    const text = fs.readFileSync(first, 'utf8');
    expect(text).toContain('"total":12.5');
    fs.writeFileSync(first, text.replace('"total":12.5', '"total":99.5'));
    const result = runPython(copy);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('000000000001.jsonl line 1: bad line or checksum');
  });
});
