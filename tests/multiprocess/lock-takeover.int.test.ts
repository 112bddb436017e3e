import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initEventFolder, openEventStore, verifyEventFolder } from '../../electron/store/index.js';
import { isLine, linesOf, startChild, type JsonLineChild } from './child-process.js';
import { readEverything } from '../store/read-everything.js';

interface Ack {
  readonly stream: string;
  readonly position: number;
  readonly id: string;
}

interface ChildError {
  readonly code: string;
  readonly message: string;
}

interface LockFile {
  readonly pid: number;
  readonly host: string;
}

const EVENTS = 20;
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

async function newFolder(): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-lock-'));
  folders.push(root);
  const folder = path.join(root, 'events');
  await initEventFolder(folder);
  return folder;
}

function readLock(file: string): LockFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
}

/** An appender that gives up (exit 2, `{"error": {"code": "LockTimeout"}}`) if the lock is not its within `timeoutMs`. */
function startAppender(folder: string, child: string, timeoutMs: number): JsonLineChild {
  return startChild('appender', [
    folder,
    ...['--child', child, '--events', String(EVENTS), '--shared', '0', '--private', '2'],
    ...['--concurrency', '4', '--lock-timeout-ms', String(timeoutMs)],
  ]);
}

/**
 * A folder whose write lock belongs to a process that was SIGKILLed while appending (it keeps the lock
 * between appends while they keep coming). A kill can land in the instant between two holds, or (very
 * rarely) tear an append, which would make the next append fail for another reason: then it starts over.
 */
async function folderWithLockOfKilledWriter(): Promise<{
  folder: string;
  killedPid: number;
  events: number;
}> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const folder = await newFolder();
    const lock = path.join(folder, 'write.lock');
    const writer = startChild('crash-appender', [folder, '--mode', 'small']);
    let acks = 0;
    await writer.waitForLine((line) => isLine('ack')(line) && ++acks >= 10);
    while (readLock(lock)?.pid !== writer.pid && writer.process.exitCode === null) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writer.kill();
    const store = await openEventStore(folder, { readOnly: true, watch: false, cache: false });
    const { tail } = store.health();
    const events = store.lastPosition;
    await store.close();
    if (readLock(lock)?.pid === writer.pid && tail === undefined)
      return { folder, killedPid: writer.pid, events };
  }
  throw new Error('five writers in a row were killed without leaving their lock behind');
}

async function expectSoundLog(folder: string, events: number): Promise<void> {
  const store = await openEventStore(folder, { readOnly: true, watch: false, cache: false });
  const log = await readEverything(store);
  await store.close();
  expect(log.map((event) => event.position)).toEqual(Array.from({ length: events }, (_, i) => i + 1));
  expect(new Set(log.map((event) => event.id)).size).toBe(events);
  const report = await verifyEventFolder(folder);
  expect(report.problems).toEqual([]);
  expect(report).toMatchObject({ sound: true, events });
}

describe('the cross-process write lock', () => {
  it('left behind by a writer killed with SIGKILL is taken over by the next process', async () => {
    const { folder, killedPid, events } = await folderWithLockOfKilledWriter();
    expect(() => process.kill(killedPid, 0)).toThrow();

    const started = Date.now();
    const next = startAppender(folder, 'next', 10_000);
    expect(await next.exited, next.stderr() + JSON.stringify(linesOf(next, 'error'))).toEqual({
      code: 0,
      signal: null,
    });
    const acks = linesOf<Ack>(next, 'ack');
    expect(acks).toHaveLength(EVENTS);
    // The new writer carries on right after the dead one's last event: nothing lost, nothing skipped.
    expect(acks.map((ack) => ack.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: EVENTS }, (_, i) => events + 1 + i),
    );
    expect(fs.existsSync(path.join(folder, 'write.lock'))).toBe(false);
    await expectSoundLog(folder, events + EVENTS);
    console.log(
      `stale lock of a killed writer taken over; the next process finished in ${Date.now() - started} ms`,
    );
  });

  it('left behind by a killed writer is taken over safely when two processes race for it', async () => {
    const { folder, events } = await folderWithLockOfKilledWriter();

    const racers = [startAppender(folder, 'a', 10_000), startAppender(folder, 'b', 10_000)];
    for (const racer of racers) {
      expect(await racer.exited, racer.stderr() + JSON.stringify(linesOf(racer, 'error'))).toEqual({
        code: 0,
        signal: null,
      });
    }
    const positions = racers.flatMap((racer) => linesOf<Ack>(racer, 'ack').map((ack) => ack.position));
    expect(positions.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 2 * EVENTS }, (_, i) => events + 1 + i),
    );
    await expectSoundLog(folder, events + 2 * EVENTS);
  });

  it('held by a live process is taken over once it is older than the stale limit (a hung holder)', async () => {
    const folder = await newFolder();
    const lock = path.join(folder, 'write.lock');
    // This test runner is alive, so only the lock's age can make it stale.
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'hung', since: '' }),
    );
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(lock, anHourAgo, anHourAgo);

    const next = startAppender(folder, 'next', 10_000);
    expect(await next.exited, next.stderr() + JSON.stringify(linesOf(next, 'error'))).toEqual({
      code: 0,
      signal: null,
    });
    expect(linesOf<Ack>(next, 'ack')).toHaveLength(EVENTS);
    expect(fs.existsSync(lock)).toBe(false);
    await expectSoundLog(folder, EVENTS);
  });

  it('held by a live process is respected while it is fresh: the waiter times out and writes nothing', async () => {
    const folder = await newFolder();
    const lock = path.join(folder, 'write.lock');
    const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'live', since: '' });
    fs.writeFileSync(lock, mine);

    const waiter = startAppender(folder, 'waiter', 1_500);
    expect(await waiter.exited).toEqual({ code: 2, signal: null });
    const [error] = linesOf<ChildError>(waiter, 'error');
    expect(error?.code).toBe('LockTimeout');
    expect(error?.message).toContain(`held by process ${process.pid}`);
    expect(linesOf(waiter, 'ack')).toEqual([]);
    expect(fs.readFileSync(lock, 'utf8')).toBe(mine);
    fs.unlinkSync(lock);
    await expectSoundLog(folder, 0);
  });

  it('is not blocked by the waiting ticket of a waiter that was killed', async () => {
    const folder = await newFolder();
    const lock = path.join(folder, 'write.lock');
    const ticket = `${lock}.next`;
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'live', since: '' }),
    );
    const waiter = startAppender(folder, 'waiter', 30_000);
    await waiter.waitForLine(isLine('ready'));
    while (readLock(ticket)?.pid !== waiter.pid) await new Promise((resolve) => setTimeout(resolve, 5));
    await waiter.kill();
    expect(readLock(ticket)?.pid).toBe(waiter.pid);
    fs.unlinkSync(lock);

    const next = startAppender(folder, 'next', 10_000);
    expect(await next.exited, next.stderr() + JSON.stringify(linesOf(next, 'error'))).toEqual({
      code: 0,
      signal: null,
    });
    expect(linesOf<Ack>(next, 'ack')).toHaveLength(EVENTS);
    expect(fs.existsSync(ticket)).toBe(false);
    await expectSoundLog(folder, EVENTS);
  });
});
