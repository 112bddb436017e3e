import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { initEventFolder, openEventStore, verifyEventFolder } from '../../electron/store/index.js';
import { crashEvent } from '../children/crash-events.js';
import { seededRandom } from '../children/seeded-random.js';
import {
  copyAsOnDisk,
  journaledLines,
  lastSegment,
  loseLastLines,
  type Loss,
} from '../store/journal-folders.js';
import { isLine, linesOf, startChild, type JsonLineChild } from './child-process.js';
import { readEverything } from '../store/read-everything.js';

interface Ack {
  readonly seq: number;
  readonly stream: string;
  readonly firstPosition: number;
  readonly ids: string[];
}

const ROUNDS = Number(process.env.JOURNAL_LOSS_ROUNDS ?? 6);
const SEED = Number(process.env.JOURNAL_LOSS_SEED ?? Date.now() % 1_000_000);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-journal-loss-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Three processes append durably to one folder, taking the lock in turn, each learning where the others
 * left the journal. All three are frozen at once (SIGSTOP: the page cache then holds exactly what they
 * wrote), the folder is copied, and the copy loses what a power loss can take: the lines of the last
 * segment that only the journal holds. Every acknowledged event must be back after reopening.
 */
it(
  `${ROUNDS} power losses under three appending processes lose no acknowledged event`,
  async () => {
    const random = seededRandom(SEED);
    const losses: Loss[] = ['truncate', 'truncate-inside-line', 'zeros', 'zeros-inside-line', 'zeros-hole'];
    let restoredLines = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const where = `round ${round} (seed ${SEED})`;
      const folder = path.join(root, `folder-${round}`);
      const copy = path.join(root, `copy-${round}`);
      await initEventFolder(folder, { segmentSizeLimit: round % 2 === 0 ? 16_384 : 64 * 1024 * 1024 });
      const children = [1, 2, 3].map((child) =>
        startChild('crash-appender', [folder, '--round', String(round * 10 + child), '--mode', 'small']),
      );
      try {
        await Promise.all(children.map((child) => child.waitForLine(isLine('ready'))));
        await Promise.all(children.map((child) => waitForAcks(child, 5 + Math.floor(random() * 40))));
        for (const child of children) child.process.kill('SIGSTOP');
        // Lines already written to the pipes arrive; nothing new can be acknowledged meanwhile.
        await sleep(100);
        copyAsOnDisk(folder, copy);
      } finally {
        for (const child of children) await child.kill();
      }
      const acknowledged = children.flatMap((child, c) =>
        linesOf<Ack>(child, 'ack').flatMap((ack) =>
          ack.ids.map((id, i) => ({
            position: ack.firstPosition + i,
            id,
            stream: ack.stream,
            data: crashEvent(round * 10 + c + 1, ack.seq, i, 'small').data,
          })),
        ),
      );

      const lines = Math.floor(random() * (journaledLines(copy) + 1));
      restoredLines += lines;
      loseLastLines(lastSegment(copy), lines, losses[round % losses.length]!, Math.floor(random() * 1000));

      const store = await openEventStore(copy, { watch: false });
      try {
        expect(store.health().problems, where).toEqual([]);
        const events = await readEverything(store);
        expect(
          events.every((event, i) => event.position === i + 1),
          where,
        ).toBe(true);
        for (const want of acknowledged) {
          const event = events[want.position - 1];
          expect(
            { id: event?.id, stream: event?.stream, data: event?.data },
            `${where}: position ${want.position}`,
          ).toEqual({
            id: want.id,
            stream: want.stream,
            data: want.data,
          });
        }
        // An append caught between its segment write and its journal record was never acknowledged: it may
        // be cut short, a torn tail that repair cuts.
        if (store.health().tail !== undefined) await store.repair();
      } finally {
        await store.close();
      }
      const report = await verifyEventFolder(copy);
      expect(report.problems, where).toEqual([]);
      expect(report.events, where).toBeGreaterThanOrEqual(acknowledged.length);
    }
    console.log(
      `journal power loss: ${ROUNDS} rounds, ${restoredLines} lines taken and written back (seed ${SEED})`,
    );
  },
  ROUNDS * 20_000,
);

function waitForAcks(child: JsonLineChild, count: number): Promise<unknown> {
  let seen = 0;
  return child.waitForLine((line) => isLine('ack')(line) && ++seen >= count);
}
