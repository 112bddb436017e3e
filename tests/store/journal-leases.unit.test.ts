import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import {
  initEventFolder,
  openEventStore,
  verifyEventFolder,
  type EventStore,
} from '../../electron/store/index.js';
import { copyAsOnDisk, journaledLines, lastSegment, loseLastLines, readJournal } from './journal-folders.js';
import { readEverything } from './read-everything.js';
import { makeTempDir, removeDir } from './temp-folders.js';

/**
 * Two stores on one folder take the write lock in turn. Each must learn, on taking it, where the other
 * left the journal: writing its records over the other's would lose the other's acknowledged appends in a
 * power loss, and not knowing that the other's records continue the log would cost a checkpoint each turn.
 */
it(
  'two stores appending in turn lose nothing, double nothing, and share one journal generation',
  { timeout: 120_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          turns: fc.array(
            fc.record({
              by: fc.constantFrom(0, 1),
              events: fc.integer({ min: 1, max: 3 }),
              together: fc.boolean(),
            }),
            {
              minLength: 2,
              maxLength: 30,
            },
          ),
          journalBytes: fc.constantFrom(16_384, undefined),
          lost: fc.nat(),
        }),
        async ({ turns, journalBytes, lost }) => {
          const dir = makeTempDir('eventfold-journal-leases-');
          const copy = makeTempDir('eventfold-journal-leases-copy-');
          const stores: EventStore[] = [];
          try {
            await initEventFolder(dir);
            for (let i = 0; i < 2; i++)
              stores.push(await openEventStore(dir, { watch: false, journalBytes }));
            const [a, b] = stores as [EventStore, EventStore];
            // The first append creates the journal and starts it at the end of the (empty) log.
            await a.appendToStream('warm-up', [{ type: 'Started' }]);
            const generation = readJournal(dir).generation;
            let sent = 1;
            for (const [i, turn] of turns.entries()) {
              const events = Array.from({ length: turn.events }, (_, e) => ({
                type: 'Turned',
                data: { i, e },
              }));
              const store = turn.by === 0 ? a : b;
              if (turn.together) {
                // Both at once: one waits for the other's lease.
                const other = turn.by === 0 ? b : a;
                await Promise.all([
                  store.appendToStream(`turn-${i}`, events),
                  other.appendToStream(`also-${i}`, [{ type: 'Too' }]),
                ]);
                sent += 1;
              } else await store.appendToStream(`turn-${i}`, events);
              sent += turn.events;
            }
            // A large journal never filled up: the two kept appending to one generation.
            if (journalBytes === undefined) expect(readJournal(dir).generation).toBe(generation);
            copyAsOnDisk(dir, copy);
            for (const store of stores.splice(0)) await store.close();
            const reader = await openEventStore(dir, { watch: false, readOnly: true });
            const acknowledged: RecordedEvent[] = await readEverything(reader);
            await reader.close();
            expect(acknowledged.map((event) => event.position)).toEqual(
              Array.from({ length: sent }, (_, i) => i + 1),
            );
            expect(new Set(acknowledged.map((event) => event.id)).size).toBe(sent);

            loseLastLines(lastSegment(copy), lost % (journaledLines(copy) + 1), 'zeros', 0);
            const reopened = await openEventStore(copy, { watch: false });
            try {
              expect(reopened.health().problems).toEqual([]);
              expect(await readEverything(reopened)).toEqual(acknowledged);
            } finally {
              await reopened.close();
            }
            expect((await verifyEventFolder(copy)).sound).toBe(true);
            expect((await verifyEventFolder(dir)).sound).toBe(true);
          } finally {
            for (const store of stores) await store.close();
            removeDir(dir);
            removeDir(copy);
          }
        },
      ),
      { numRuns: 25 },
    );
  },
);
