import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import {
  describeProblem,
  verifyEventFolder,
  type EventStore,
  type FolderHealth,
  type VerifyReport,
} from '../../electron/store/index.js';
import { encodeLines, lineHead } from '../../electron/store/event-line.js';
import {
  buildFolder,
  folderRecipe,
  segmentPath,
  type FolderRecipe,
  type BuiltFolder,
} from './built-folder.js';
import { readEverything } from './read-everything.js';
import { expectStoreError } from './store-error-expectation.js';
import { cacheDamageArb, cachePath, rewriteInPlace } from './recovery/cache-damage.js';
import {
  garbageArb,
  sameJson,
  spoil,
  targetFile,
  untouchedEvents,
  type Garbage,
  type GarbageTarget,
} from './recovery/file-garbage.js';
import { flipArb, middleLines } from './recovery/flipped-bit.js';
import {
  fileBytes,
  HEALTHY,
  withFolder,
  withoutCrash,
  withStore,
  type Outcome,
} from './recovery/folder-session.js';
import { tearArb, tearTail } from './recovery/torn-tail.js';

/**
 * Property-based recovery tests: folders of random events, damaged at random, must open, say what is wrong
 * and where, and never lose a valid event. Each run builds its own folder in a temp directory.
 */

const RUNS = 40;
const TIMEOUT = { timeout: 120_000 };

describe('a torn tail (an append cut short by a crash)', () => {
  it(
    'is reported as torn, blocks appends until repaired, never hides an event before it, and repair cuts only it',
    TIMEOUT,
    async () => {
      await fc.assert(
        fc.asyncProperty(folderRecipe(), tearArb, fc.boolean(), async (recipe, tear, cache) =>
          withFolder(async (dir) => {
            const built = await buildFolder(dir, recipe);
            const segment = built.segments.at(-1)!;
            const { survivors, offset } = tearTail(built, tear);
            const tornBytes = fileBytes(dir, segment).subarray(offset);

            await withStore(dir, { cache }, async (store) => {
              const health = store.health();
              expect(health.problems).toEqual([]);
              expect(health.readOnly).toBe(false);
              expect(health.tail).toEqual({ segment, offset, bytes: tornBytes.length, torn: true });
              const refused = await expectStoreError(
                store.appendToStream('after-1', [{ type: 'After' }]),
                'TornTail',
              );
              expect(refused.message).toContain(segment);
              expect(await readEverything(store)).toEqual(survivors);

              const before = await verifyEventFolder(dir);
              expect(before.sound).toBe(false);
              expect(before.tail).toMatchObject({ segment, offset, torn: true });

              const repair = await store.repair();
              expect(repair).toMatchObject({ repaired: true, segment, offset, bytesCut: tornBytes.length });
              expect(fs.readFileSync(repair.keptIn!)).toEqual(tornBytes);
              expect(fs.statSync(segmentPath(dir, segment)).size).toBe(offset);
              expect(store.health()).toEqual(HEALTHY);
              expect(await verifyEventFolder(dir)).toMatchObject({ sound: true, events: survivors.length });

              const appended = await store.appendToStream('after-1', [{ type: 'After' }]);
              expect(appended.firstPosition).toBe(survivors.length + 1);
            });

            await withStore(dir, {}, async (store) => {
              const events = await readEverything(store);
              expect(events.slice(0, -1)).toEqual(survivors);
              expect(events.at(-1)).toMatchObject({ position: survivors.length + 1, stream: 'after-1' });
            });
            expect(await verifyEventFolder(dir)).toMatchObject({ sound: true, problems: [] });
          }),
        ),
        { numRuns: RUNS },
      );
    },
  );
});

describe('flipped bits in the middle of the log', () => {
  it(
    'make the folder read-only with a report naming the segment and line, and every intact event still reads',
    TIMEOUT,
    async () => {
      await fc.assert(
        fc.asyncProperty(folderRecipe(3), flipArb, async (recipe, flip) =>
          withFolder(async (dir) => {
            const built = await buildFolder(dir, recipe);
            const candidates = middleLines(built);
            const target = candidates[flip.pick % candidates.length]!;
            const bytes = fileBytes(dir, target.segment);
            const at = target.start + (flip.byte % (target.end - target.start));
            bytes[at] = bytes[at]! ^ (1 << flip.bit);
            fs.writeFileSync(segmentPath(dir, target.segment), bytes);
            const newlineFlipped = at === target.end - 1;
            const damaged = new Set([target]);
            const next = built.lines[built.lines.indexOf(target) + 1];
            if (newlineFlipped && next?.segment === target.segment) damaged.add(next);
            const intact = built.lines.filter((line) => !damaged.has(line)).map((line) => line.event);

            // Opening from the log itself; a warm open trusts the index cache for lines it already checked.
            if (flip.coldOpen === 'cache removed')
              fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
            const options = flip.coldOpen === 'cache option off' ? { cache: false } : {};
            const before = fs.readFileSync(segmentPath(dir, target.segment));
            await withStore(dir, options, async (store) => {
              const health = store.health();
              expect(health.readOnly).toBe(true);
              const first = health.problems[0];
              expect(first).toMatchObject({
                segment: target.segment,
                line: target.line,
                offset: target.start,
              });
              expect(first?.reason).toMatch(/\w{4}/);
              expect(describeProblem(first!)).toContain(`log/${target.segment} line ${target.line}`);
              expect(await readEverything(store)).toEqual(intact);
              const refused = await expectStoreError(
                store.appendToStream('after-1', [{ type: 'After' }]),
                'ReadOnly',
              );
              expect(refused.message).toContain(target.segment);
              const repairRefused = await expectStoreError(store.repair(), 'Corrupt');
              expect(repairRefused.message).toContain(`line ${target.line}`);
            });
            expect(fs.readFileSync(segmentPath(dir, target.segment))).toEqual(before);

            const report = await verifyEventFolder(dir);
            expect(report.sound).toBe(false);
            expect(report.problems).toContainEqual(
              expect.objectContaining({ segment: target.segment, line: target.line }),
            );
          }),
        ),
        { numRuns: RUNS },
      );
    },
  );
});

/** Builds a folder, puts garbage in one of its files, then opens and verifies it as a user would. */
async function withGarbage(
  recipe: FolderRecipe,
  target: GarbageTarget,
  garbage: Garbage,
  pick: number,
  check: (damage: {
    built: BuiltFolder;
    file: string;
    original: Buffer;
    content: Buffer;
    opened: Outcome<{ health: FolderHealth; events: RecordedEvent[] }>;
    verified: Outcome<VerifyReport>;
  }) => void,
): Promise<void> {
  await withFolder(async (dir) => {
    const built = await buildFolder(dir, recipe);
    const file = targetFile(built, target, pick);
    const original = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    const content = spoil(original, garbage);
    fs.writeFileSync(file, content);
    const opened = await withoutCrash(() =>
      withStore(dir, {}, async (store) => ({ health: store.health(), events: await readEverything(store) })),
    );
    const verified = await withoutCrash(() => verifyEventFolder(dir));
    check({ built, file, original, content, opened, verified });
  });
}

const GARBAGE_RUNS = 40;

describe('garbage in the files of a folder never crashes the store or verify', () => {
  it(
    'garbage in the index cache is ignored without a word: the folder opens and reads as before',
    TIMEOUT,
    async () => {
      await fc.assert(
        fc.asyncProperty(folderRecipe(), garbageArb, async (recipe, garbage) =>
          withGarbage(recipe, 'cache', garbage, 0, ({ built, opened, verified }) => {
            expect(opened).toEqual({ ok: true, value: { health: HEALTHY, events: built.events } });
            expect(verified).toMatchObject({ ok: true, value: { sound: true } });
          }),
        ),
        { numRuns: GARBAGE_RUNS },
      );
    },
  );

  it('a damaged eventfold.json is refused with a clear error naming the folder', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(folderRecipe(), garbageArb, async (recipe, garbage) =>
        withGarbage(recipe, 'manifest', garbage, 0, ({ built, opened, verified }) => {
          if (opened.ok) {
            // Damage that leaves a valid manifest (a cut-off final newline) changes nothing.
            expect(opened.value.events).toEqual(built.events);
            return;
          }
          expect(['NotAnEventFolder', 'UnsupportedFormat']).toContain(opened.error.code);
          expect(opened.error.message).toContain(built.dir);
          expect(verified.ok).toBe(false);
        }),
      ),
      { numRuns: GARBAGE_RUNS },
    );
  });

  it('a damaged seal file does not hide any event, and verify reports it', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(
        folderRecipe(),
        garbageArb.filter((garbage) => garbage.kind !== 'flip'),
        fc.nat(),
        async (recipe, garbage, pick) =>
          withGarbage(
            recipe,
            'seal',
            garbage,
            pick,
            ({ built, file, original, content, opened, verified }) => {
              expect(opened.ok && opened.value.events).toEqual(built.events);
              const segment = path.basename(file).replace('.seal.json', '.jsonl');
              if (segment !== built.segments.at(-1) && !sameJson(original, content)) {
                expect(verified.ok && verified.value.sound).toBe(false);
                expect(
                  verified.ok && verified.value.problems.some((problem) => problem.segment === segment),
                ).toBe(true);
              }
            },
          ),
      ),
      { numRuns: GARBAGE_RUNS },
    );
  });

  it('garbage in a segment is reported, and every append it did not touch still reads', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(folderRecipe(), garbageArb, fc.nat(), async (recipe, garbage, pick) =>
        withGarbage(
          recipe,
          'segment',
          garbage,
          pick,
          ({ built, file, original, content, opened, verified }) => {
            expect(opened.ok).toBe(true);
            if (!opened.ok) return;
            const segment = path.basename(file);
            const survivors = untouchedEvents(built, segment, original, content);
            const byPosition = new Map(opened.value.events.map((event) => [event.position, event]));
            for (const event of survivors) expect(byPosition.get(event.position)).toEqual(event);
            const { health } = opened.value;
            // Cutting the last segment at a line boundary leaves a shorter, sound log: nothing to report.
            const shorterLog =
              segment === built.segments.at(-1) && survivors.length === opened.value.events.length;
            if (!content.equals(original) && !shorterLog) {
              expect(health.problems.length > 0 || health.tail !== undefined).toBe(true);
              expect(verified.ok && verified.value.sound).toBe(false);
            }
            for (const problem of health.problems) {
              expect(problem.line).toBeGreaterThanOrEqual(1);
              expect(built.segments).toContain(problem.segment);
            }
          },
        ),
      ),
      { numRuns: 60 },
    );
  });
});

/** What a caller sees of a folder: every event, the streams and the event types. */
async function view(store: EventStore) {
  return {
    events: await readEverything(store),
    streams: store.streams(),
    types: store.eventTypes(),
    health: store.health(),
  };
}

describe('the index cache', () => {
  it(
    'when damaged, cut short, replaced or taken from another folder, is not trusted: the log decides',
    TIMEOUT,
    async () => {
      await fc.assert(
        fc.asyncProperty(folderRecipe(), cacheDamageArb, async (recipe, damage) =>
          withFolder(async (dir) => {
            const built = await buildFolder(dir, recipe);
            fs.rmSync(path.join(dir, 'cache'), { recursive: true });
            // A cold open reads the log; closing it writes the cache.
            const cold = await withStore(dir, {}, view);
            const good = fs.readFileSync(cachePath(dir));
            let damaged: Buffer;
            switch (damage.kind) {
              case 'truncate':
                damaged = good.subarray(0, damage.at % good.length);
                break;
              case 'flip':
                damaged = Buffer.from(good);
                damaged[damage.at % good.length] = damaged[damage.at % good.length]! ^ (1 << damage.bit);
                break;
              case 'random':
                damaged = Buffer.from(damage.bytes);
                break;
              case 'another folder':
                damaged = await withFolder(async (other) => {
                  await buildFolder(other, {
                    segmentSizeLimit: recipe.segmentSizeLimit,
                    appends: recipe.appends.slice(0, 1),
                  });
                  return fs.readFileSync(cachePath(other));
                });
                break;
            }
            fs.writeFileSync(cachePath(dir), damaged);

            await withStore(dir, {}, async (store) => {
              expect(await view(store)).toEqual(cold);
              expect(cold.events).toEqual(built.events);
              const appended = await store.appendToStream('after-1', [{ type: 'After' }]);
              expect(appended.firstPosition).toBe(built.events.length + 1);
            });
            await withStore(dir, {}, async (store) => {
              expect(store.lastPosition).toBe(built.events.length + 1);
              expect((await readEverything(store)).slice(0, -1)).toEqual(built.events);
            });
          }),
        ),
        { numRuns: 30 },
      );
    },
  );

  it(
    'is not trusted once a line of the log was rewritten with a different one of the same size',
    TIMEOUT,
    async () => {
      await fc.assert(
        fc.asyncProperty(folderRecipe(), fc.nat(), fc.uuid(), async (recipe, pick, newId) =>
          withFolder(async (dir) => {
            const built = await buildFolder(dir, recipe);
            await withStore(dir, {}, view);
            const target = built.lines[pick % built.lines.length]!;
            const old = target.event;
            const newType = 'R'.repeat(Buffer.byteLength(JSON.stringify(old.type)) - 2);
            fc.pre(newType !== old.type);
            const bytes = fileBytes(dir, target.segment);
            const oldLine = bytes.subarray(target.start, target.end);
            const more = (JSON.parse(oldLine.toString('utf8')) as { more?: number }).more ?? 0;
            const newLine = encodeLines([
              lineHead({
                ...old,
                id: newId,
                type: newType,
                dataJson: JSON.stringify(old.data),
                metaJson: JSON.stringify(old.meta),
                more,
              }),
            ]).bytes;
            expect(newLine.length, 'the new line must be exactly as long as the old one').toBe(
              oldLine.length,
            );
            rewriteInPlace(
              segmentPath(dir, target.segment),
              Buffer.concat([bytes.subarray(0, target.start), newLine, bytes.subarray(target.end)]),
            );
            const renewed = { ...old, id: newId, type: newType };
            const expected = built.events.map((event) => (event.position === old.position ? renewed : event));

            await withStore(dir, {}, async (store) => {
              expect(store.health()).toEqual(HEALTHY);
              expect(await readEverything(store)).toEqual(expected);
              const counts = new Map<string, number>();
              for (const event of expected) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
              expect(new Map(store.eventTypes().map((entry) => [entry.type, entry.events]))).toEqual(counts);
              expect((await store.readAll({ types: [newType], limit: 1000 })).events).toContainEqual(renewed);
              const retry = await store.appendToStream(old.stream, [
                { id: newId, type: newType, data: old.data, meta: old.meta },
              ]);
              expect(retry).toMatchObject({ duplicate: true, firstPosition: old.position });
            });
          }),
        ),
        { numRuns: 30 },
      );
    },
  );
});
