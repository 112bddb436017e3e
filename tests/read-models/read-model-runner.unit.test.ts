import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkpointFile,
  ReadModelError,
  ReadModelRunner,
  type ReadModelStatus,
} from '../../electron/read-models/index.js';
import { initEventFolder, openEventStore, type EventStore } from '../../electron/store/index.js';
import { useTempFolders } from '../store/temp-folders.js';
import { waitUntil } from '../store/wait-until.js';
import { CountingModel } from './counting-model.js';

const tempFolder = useTempFolders('eventfold-read-models-');
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function folderWith(count: number): Promise<string> {
  const dir = tempFolder();
  await initEventFolder(dir);
  const store = await openEventStore(dir, { watch: false, durability: 'none' });
  for (let i = 0; i < count; i++) {
    await store.appendToStream(`thing-${i % 3}`, [{ type: i % 2 === 0 ? 'Even' : 'Odd', data: { i } }]);
  }
  await store.close();
  return dir;
}

async function opened(dir: string): Promise<EventStore> {
  const store = await openEventStore(dir, { watch: false, durability: 'none' });
  open.push(store);
  return store;
}

function runner(store: EventStore, model: CountingModel, delayMs = 60_000): ReadModelRunner {
  const made = new ReadModelRunner(store, model, { checkpointDelayMs: delayMs });
  open.push(made);
  return made;
}

describe('a read model on the runtime', () => {
  it('catches up with the log, reporting progress, then follows appends live', async () => {
    const store = await opened(await folderWith(2500));
    const model = new CountingModel();
    const run = runner(store, model);
    const seen: ReadModelStatus[] = [];
    run.onStatus((status) => seen.push(status));
    await run.start();
    expect(model.positions).toHaveLength(2500);
    expect(run.status).toMatchObject({ state: 'live', position: 2500, lastPosition: 2500, fault: null });
    expect(run.status.start).toStrictEqual({ from: 'log', reason: 'it has no checkpoint yet' });
    const catching = seen.filter((status) => status.state === 'catching-up');
    expect(catching[0]?.progress).toStrictEqual({ done: 0, total: 2500 });
    // Progress moved between the first and the last report, and never went back.
    const done = catching.map((status) => status.progress?.done ?? -1);
    expect(done).toStrictEqual([...done].sort((a, b) => a - b));
    expect(new Set(done).size).toBeGreaterThan(1);

    const ranges: { first: number; last: number }[] = [];
    run.onApplied((range) => ranges.push(range));
    const result = await store.appendToStream('thing-9', [
      { type: 'Even', data: {} },
      { type: 'Odd', data: {} },
    ]);
    await run.whenApplied(result.lastPosition);
    expect(model.positions.slice(-2)).toStrictEqual([2501, 2502]);
    expect(ranges).toStrictEqual([{ first: 2501, last: 2502 }]);
    expect(run.status.position).toBe(2502);
  });

  it('folds only the event types it asks for, yet covers the positions between them', async () => {
    const store = await opened(await folderWith(10));
    const model = new CountingModel('odd-only', 1, ['Odd']);
    const run = runner(store, model);
    await run.start();
    expect(model.counts).toStrictEqual({ Odd: 5 });
    expect(model.positions).toStrictEqual([2, 4, 6, 8, 10]);
    const even = await store.appendToStream('thing-1', [{ type: 'Even', data: {} }]);
    await waitUntil(() => run.status.position === even.lastPosition, 'the runner covers the skipped append');
    await run.whenApplied(even.lastPosition);
    expect(model.positions.at(-1)).toBe(10);
  });

  it('resumes from its checkpoint after events were appended while it was closed', async () => {
    const dir = await folderWith(100);
    let store = await opened(dir);
    const first = new CountingModel();
    const run = new ReadModelRunner(store, first);
    await run.start();
    await run.close();
    expect(fs.existsSync(checkpointFile(dir, 'counting'))).toBe(true);
    await store.close();

    const writer = await openEventStore(dir, { watch: false, durability: 'none' });
    for (let i = 0; i < 7; i++) await writer.appendToStream('later', [{ type: 'Odd', data: { i } }]);
    await writer.close();

    store = await opened(dir);
    const second = new CountingModel();
    const resumed = runner(store, second);
    await resumed.start();
    expect(second.loads).toBe(1);
    expect(resumed.status.start).toStrictEqual({ from: 'checkpoint', reason: null });
    expect(second.positions).toHaveLength(107);
    expect(second.positions.slice(-7)).toStrictEqual([101, 102, 103, 104, 105, 106, 107]);
    expect(second.counts).toStrictEqual({ Even: 50, Odd: 57 });
  });

  it('rebuilds from the log when the cache was deleted, and loses nothing', async () => {
    const dir = await folderWith(40);
    const store = await opened(dir);
    const run = new ReadModelRunner(store, new CountingModel());
    await run.start();
    await run.close();
    fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });

    const model = new CountingModel();
    const again = runner(store, model);
    await again.start();
    expect(again.status.start).toStrictEqual({ from: 'log', reason: 'it has no checkpoint yet' });
    expect(model.counts).toStrictEqual({ Even: 20, Odd: 20 });
  });

  it.each([
    [
      'cut short',
      (text: string) => text.slice(0, text.length - 5),
      /its state is \d+ bytes where the header says/,
    ],
    ['garbage', () => '\u0000\u0001 not a checkpoint', /has no header line/],
    [
      'a bad header',
      (text: string) => text.replace('"position":30', '"position":-3'),
      /its header is damaged/,
    ],
    [
      'a state that does not load',
      (text: string) => {
        const header = text.slice(0, text.indexOf('\n'));
        const state = '{"positions":"many"}';
        return `${header.replace(/"stateBytes":\d+/, `"stateBytes":${state.length}`)}\n${state}`;
      },
      /could not be loaded: no positions/,
    ],
  ])('rebuilds when its checkpoint is %s', async (_what, damage, reason) => {
    const dir = await folderWith(30);
    const store = await opened(dir);
    const run = new ReadModelRunner(store, new CountingModel());
    await run.start();
    await run.close();
    const file = checkpointFile(dir, 'counting');
    fs.writeFileSync(file, damage(fs.readFileSync(file, 'utf8')));

    const model = new CountingModel();
    const again = runner(store, model);
    await again.start();
    expect(again.status.start?.from).toBe('log');
    expect(again.status.start?.reason).toMatch(reason);
    expect(model.loads).toBe(0);
    expect(model.positions).toHaveLength(30);
    // The rebuilt read model writes a good checkpoint again.
    await again.close();
    const third = new CountingModel();
    const resumed = runner(store, third);
    await resumed.start();
    expect(resumed.status.start?.from).toBe('checkpoint');
    expect(third.positions).toHaveLength(30);
  });

  it('rebuilds when its version changed, or when the log no longer has the event its checkpoint ends at', async () => {
    const dir = await folderWith(12);
    let store = await opened(dir);
    const run = new ReadModelRunner(store, new CountingModel('counting', 1));
    await run.start();
    await run.close();

    const newer = new CountingModel('counting', 2);
    const upgraded = runner(store, newer);
    await upgraded.start();
    expect(upgraded.status.start).toStrictEqual({
      from: 'log',
      reason: 'its checkpoint is of version 1, this is version 2',
    });
    expect(newer.positions).toHaveLength(12);
    await upgraded.close();
    await store.close();

    // Another log in the same place (a folder replaced by a copy of another one): same positions, other ids.
    fs.rmSync(path.join(dir, 'log'), { recursive: true });
    fs.rmSync(path.join(dir, 'eventfold.json'));
    fs.rmSync(path.join(dir, 'cache', 'index.bin'), { force: true });
    const keep = fs.readdirSync(path.join(dir, 'cache'));
    expect(keep).toContain('read-models');
    const replacement = await folderWith(12);
    fs.cpSync(path.join(replacement, 'log'), path.join(dir, 'log'), { recursive: true });
    fs.cpSync(path.join(replacement, 'eventfold.json'), path.join(dir, 'eventfold.json'));
    for (const name of fs.readdirSync(path.join(dir, 'cache'))) {
      if (name !== 'read-models') fs.rmSync(path.join(dir, 'cache', name), { recursive: true, force: true });
    }
    store = await opened(dir);
    const model = new CountingModel('counting', 2);
    const again = runner(store, model);
    await again.start();
    expect(again.status.start).toStrictEqual({
      from: 'log',
      reason: 'the log no longer has the event its checkpoint ends at (position 12)',
    });
    expect(model.positions).toHaveLength(12);
  });

  it('faults at the event that throws, names it, and leaves the other read models of the folder going', async () => {
    const dir = await folderWith(5);
    const store = await opened(dir);
    const fragile = new CountingModel('fragile');
    const sturdy = new CountingModel('sturdy');
    sturdy.explodes = false;
    const fragileRun = runner(store, fragile);
    const sturdyRun = runner(store, sturdy);
    await Promise.all([fragileRun.start(), sturdyRun.start()]);

    const bad = await store.appendToStream('thing-1', [{ type: 'Odd', data: { explode: true } }]);
    const waiting = fragileRun.whenApplied(bad.lastPosition + 1).then(
      () => undefined,
      (error: unknown) => error,
    );
    const after = await store.appendToStream('thing-1', [{ type: 'Even', data: {} }]);
    const failure = await waiting;
    expect(failure).toBeInstanceOf(ReadModelError);
    expect(failure).toMatchObject({ code: 'ReadModelFaulted', position: 6 });
    await sturdyRun.whenApplied(after.lastPosition);

    expect(fragileRun.status).toMatchObject({
      state: 'faulted',
      fault: { position: 6, error: 'refusing Odd' },
    });
    expect(fragile.positions).toStrictEqual([1, 2, 3, 4, 5]);
    expect(sturdyRun.status.state).toBe('live');
    expect(sturdy.positions).toStrictEqual([1, 2, 3, 4, 5, 6, 7]);
    await expect(fragileRun.whenApplied(1)).rejects.toMatchObject({ code: 'ReadModelFaulted' });
  });

  it('rebuilds on request, from the first event', async () => {
    const store = await opened(await folderWith(9));
    const model = new CountingModel();
    const run = runner(store, model);
    await run.start();
    expect(model.resets).toBe(1);
    await run.rebuild();
    expect(model.resets).toBe(2);
    expect(run.status.start).toStrictEqual({ from: 'log', reason: 'a rebuild was asked for' });
    expect(run.status.state).toBe('live');
    expect(model.positions).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const more = await store.appendToStream('x', [{ type: 'Odd', data: {} }]);
    await run.whenApplied(more.lastPosition);
    expect(model.positions).toHaveLength(10);
  });

  it('writes a checkpoint once the log has been quiet, and closing fails whoever still waits', async () => {
    const dir = await folderWith(3);
    const store = await opened(dir);
    const run = runner(store, new CountingModel(), 20);
    await run.start();
    const file = checkpointFile(dir, 'counting');
    const before = fs.readFileSync(file, 'utf8');
    const more = await store.appendToStream('x', [{ type: 'Odd', data: {} }]);
    await run.whenApplied(more.lastPosition);
    await waitUntil(() => fs.readFileSync(file, 'utf8') !== before, 'the quiet checkpoint is written');
    expect(fs.readFileSync(file, 'utf8')).toContain('"position":4');

    const waiting = run.whenApplied(1000);
    await run.close();
    await expect(waiting).rejects.toMatchObject({ code: 'ReadModelClosed' });
    expect(run.status.state).toBe('closed');
  });

  it('refuses a name that could not be a file name', async () => {
    const store = await opened(await folderWith(0));
    expect(() => new ReadModelRunner(store, new CountingModel('../escape'))).toThrow(/a-z, 0-9 and '-'/);
  });
});
