import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExpectedRevision, StreamRevision } from '../../shared/event.js';
import { initEventFolder, openEventStore, verifyEventFolder } from '../../electron/store/index.js';
import { linesOf, startChild } from './child-process.js';
import { readEverything } from '../store/read-everything.js';

interface Ack {
  readonly stream: string;
  readonly position: number;
  readonly revision: number;
  readonly id: string;
  readonly expected?: ExpectedRevision;
}

interface Conflict {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly actual: StreamRevision | 'no-stream';
  readonly ids: string[];
}

interface Done {
  readonly appends: number;
  readonly events: number;
}

const EVENTS_PER_CHILD = 10_000;
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe.each([2, 4])('%i processes appending to one folder at once', (children) => {
  it('lose nothing, double nothing, keep positions and revisions contiguous and report every conflict once', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-concurrent-'));
    folders.push(root);
    const folder = path.join(root, 'events');
    await initEventFolder(folder);

    const started = Date.now();
    const running = Array.from({ length: children }, (_, i) =>
      startChild('appender', [
        folder,
        ...[
          '--child',
          String(i + 1),
          '--events',
          String(EVENTS_PER_CHILD),
          '--seed',
          String(1000 * children + i),
        ],
        ...['--shared', '3', '--private', '3', '--concurrency', '8', '--durability', 'always'],
      ]),
    );
    const exits = await Promise.all(running.map((child) => child.exited));
    const seconds = (Date.now() - started) / 1000;
    exits.forEach((exit, i) => expect(exit, running[i]?.stderr()).toEqual({ code: 0, signal: null }));

    const acks = running.flatMap((child) => linesOf<Ack>(child, 'ack'));
    const conflicts = running.flatMap((child) => linesOf<Conflict>(child, 'conflict'));
    // Every event a child planned ended either acknowledged or in a reported conflict, never both or neither.
    for (const child of running) {
      const [done] = linesOf<Done>(child, 'done');
      const conflicted = linesOf<Conflict>(child, 'conflict').reduce((sum, c) => sum + c.ids.length, 0);
      expect(done?.events).toBe(EVENTS_PER_CHILD);
      expect(linesOf<Ack>(child, 'ack').length + conflicted).toBe(EVENTS_PER_CHILD);
    }

    const store = await openEventStore(folder, { readOnly: true, watch: false, cache: false });
    const events = await readEverything(store);
    await store.close();

    // Positions 1..N without gaps, and exactly the acknowledged events: none lost, none doubled, none extra.
    expect(events.length).toBe(acks.length);
    expect(events.every((event, i) => event.position === i + 1)).toBe(true);
    const ackById = new Map(acks.map((ack) => [ack.id, ack]));
    expect(ackById.size).toBe(acks.length);
    const idsInLog = new Set(events.map((event) => event.id));
    expect(idsInLog.size).toBe(events.length);
    const mismatched = events.filter((event) => {
      const ack = ackById.get(event.id);
      return (
        ack?.position !== event.position || ack.stream !== event.stream || ack.revision !== event.revision
      );
    });
    expect(mismatched.slice(0, 5)).toEqual([]);

    // Revisions of each stream are 0..k in position order.
    const lastRevision = new Map<string, number>();
    const outOfOrder = events.filter((event) => {
      const expected = (lastRevision.get(event.stream) ?? -1) + 1;
      lastRevision.set(event.stream, event.revision);
      return event.revision !== expected;
    });
    expect(outOfOrder.slice(0, 5)).toEqual([]);

    // Expectations that were met held across processes: the append landed right after the expected revision.
    const withExpectation = acks.filter((ack) => ack.expected !== undefined);
    expect(withExpectation.length).toBeGreaterThan(0);
    for (const ack of withExpectation) {
      if (typeof ack.expected === 'number') expect(ack.revision).toBe(ack.expected + 1);
      else if (ack.expected === 'no-stream') expect(ack.revision).toBe(0);
      else expect(ack.revision).toBeGreaterThan(0);
    }

    // Conflicts: only on shared streams (a process's own streams are only ever expected at a revision it
    // knows for certain), each reported by one process once, each a real mismatch, nothing of it written.
    expect(conflicts.length).toBeGreaterThan(0);
    const conflictIds = conflicts.flatMap((conflict) => conflict.ids);
    expect(new Set(conflictIds).size).toBe(conflictIds.length);
    expect(conflictIds.filter((id) => idsInLog.has(id) || ackById.has(id))).toEqual([]);
    for (const conflict of conflicts) {
      expect(conflict.stream).toMatch(/^shared-/);
      expect(conflict.actual).not.toBe(conflict.expected);
      // A stream only grows: by the time the expectation was checked, it was past what the child had seen.
      const actual = conflict.actual === 'no-stream' ? -1 : conflict.actual;
      const expected = conflict.expected === 'no-stream' ? -1 : (conflict.expected as number);
      expect(actual).toBeGreaterThan(expected);
      expect(actual).toBeLessThanOrEqual(lastRevision.get(conflict.stream) ?? -1);
    }

    const report = await verifyEventFolder(folder);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ sound: true, events: acks.length, streams: lastRevision.size });

    console.log(
      `${children} appenders x ${EVENTS_PER_CHILD} events (durability always): ${acks.length} acknowledged, ` +
        `${conflicts.length} conflicts (${conflictIds.length} events refused), ${seconds.toFixed(1)} s of appending`,
    );
  }, 180_000);
});
