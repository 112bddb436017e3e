import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import { describeProblem, verifyEventFolder, type EventStore } from '../../electron/store/index.js';
import { buildFolder, folderRecipe, segmentPath, type BuiltFolder } from './built-folder.js';
import { readEverything } from './read-everything.js';
import { withFolder, withoutCrash, withStore, type Outcome } from './recovery/folder-session.js';
import {
  applyChange,
  hostileChangeArb,
  snapshot,
  type Applied,
  type HostileChange,
} from './recovery/hostile-changes.js';

/**
 * Fuzz: a folder written by Eventfold, then changed as a hostile or broken sender might leave it (garbage
 * in any file, lines that are too long, NULs, invalid UTF-8, fields of the wrong type, directories, links
 * and FIFOs under reserved names, segments renamed). Opening, reading, stats, verify and repair must never
 * crash or hang: each either works or fails with a StoreError whose message says what is wrong; problems
 * name where; every event the change did not touch still reads back exactly; and nothing outside the
 * folder is ever written.
 */

// FUZZ_RUNS=500 for a longer hunt; 60 keeps the unit suite quick.
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const TIMEOUT = { timeout: 600_000 };

/** What a caller gets from an open folder: the events, and the stats view of them. */
async function look(store: EventStore) {
  const events = await readEverything(store);
  return {
    events,
    streams: store.streams(),
    types: store.eventTypes(),
    files: store.segmentFiles(),
    health: store.health(),
  };
}

/** Events whose lines are all still whole, as complete lines of their segment (an append reads whole or not at all). */
function survivingEvents(
  built: BuiltFolder,
  originals: Map<string, Buffer>,
  applied: Applied,
): RecordedEvent[] {
  if (applied.nothingReadable) return [];
  const linesNow = new Map<string, Set<string> | undefined>();
  for (const [segment, now] of applied.touched) {
    if (now === 'unreadable') linesNow.set(segment, undefined);
    else linesNow.set(segment, completeLines(now));
  }
  const intact = (line: BuiltFolder['lines'][number]): boolean => {
    if (!linesNow.has(line.segment)) return true;
    const now = linesNow.get(line.segment);
    const bytes = originals.get(line.segment)!.subarray(line.start, line.end - 1);
    return now?.has(bytes.toString('latin1')) === true;
  };
  const broken = new Set(built.lines.filter((line) => !intact(line)).map((line) => line.append));
  return built.lines.filter((line) => !broken.has(line.append)).map((line) => line.event);
}

function completeLines(bytes: Buffer): Set<string> {
  const lines = new Set<string>();
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
    lines.add(bytes.toString('latin1', start, end));
    start = end + 1;
  }
  return lines;
}

function expectSurvivors(events: readonly RecordedEvent[], survivors: readonly RecordedEvent[]): void {
  const byPosition = new Map(events.map((event) => [event.position, event]));
  for (const event of survivors) expect(byPosition.get(event.position)).toEqual(event);
}

/** A report a person can act on: where (a file of log/, a line) and why. */
function expectClearProblems(problems: readonly { segment: string; line: number; reason: string }[]): void {
  for (const problem of problems) {
    expect(problem.reason.length).toBeGreaterThan(8);
    expect(describeProblem({ offset: 0, ...problem })).toMatch(/^log\/\S*(:| line \d+ \(byte \d+\):) \S/);
  }
}

function expectAllowedFailure(outcome: Outcome<unknown>, manifestChanged: boolean): void {
  if (outcome.ok) return;
  // The manifest is what makes a folder an event folder: damage there may refuse it, nothing else may.
  expect(manifestChanged, outcome.error.message).toBe(true);
  expect(['NotAnEventFolder', 'UnsupportedFormat']).toContain(outcome.error.code);
}

/** Builds a folder, applies the changes, and runs everything a user may run on it. */
async function exercise(
  recipe: Parameters<typeof buildFolder>[1],
  changes: readonly HostileChange[],
  checkSurvivors: boolean,
): Promise<void> {
  if (process.env.FUZZ_LOG)
    fs.appendFileSync(process.env.FUZZ_LOG, `${Date.now()} ${JSON.stringify(changes)}\n`);
  await withFolder(async (outside) =>
    withFolder(async (dir) => {
      const built = await buildFolder(dir, recipe);
      const originals = new Map(
        built.segments.map((name) => [name, fs.readFileSync(segmentPath(dir, name))]),
      );
      fs.writeFileSync(path.join(outside, 'precious.txt'), 'precious\n');
      const applied: Applied[] = [];
      for (const change of changes) {
        try {
          applied.push(applyChange(built, change, outside));
        } catch (error) {
          // Two changes may aim at one name (a rename, then a link where the file was): that run is moot.
          const code = (error as NodeJS.ErrnoException).code;
          if (
            changes.length > 1 &&
            ['ENOENT', 'EEXIST', 'ENOTDIR', 'EISDIR', 'ENOTEMPTY'].includes(code ?? '')
          ) {
            fc.pre(false);
          }
          throw error;
        }
      }
      const manifestChanged = changes.some(
        (change) => (change.kind === 'garbage' || change.kind === 'entry') && change.target === 'manifest',
      );
      const outsideBefore = snapshot(outside);
      const survivors = checkSurvivors ? survivingEvents(built, originals, applied[0]!) : [];

      for (const cache of [true, false]) {
        const opened = await withoutCrash(() => withStore(dir, { cache }, look));
        expectAllowedFailure(opened, manifestChanged);
        if (!opened.ok) continue;
        const { events, streams, types, health } = opened.value;
        expectSurvivors(events, survivors);
        // The stats view counts exactly what reads back.
        expect(streams.reduce((sum, stream) => sum + stream.events, 0)).toBe(events.length);
        expect(types.reduce((sum, type) => sum + type.events, 0)).toBe(events.length);
        expectClearProblems(health.problems);
      }

      const verified = await withoutCrash(() => verifyEventFolder(dir));
      expectAllowedFailure(verified, manifestChanged);
      if (verified.ok) expectClearProblems(verified.value.problems);

      const repaired = await withoutCrash(() => withStore(dir, {}, (store) => store.repair()));
      expectAllowedFailure(
        repaired.ok || ['Corrupt', 'UnsafePath', 'ReadOnly'].includes(repaired.error.code)
          ? { ok: true, value: undefined }
          : repaired,
        manifestChanged,
      );

      const after = await withoutCrash(() => withStore(dir, {}, readEverything));
      expectAllowedFailure(after, manifestChanged);
      if (after.ok) expectSurvivors(after.value, survivors);
      // Segments no change touched are byte for byte what they were: nothing was written into them.
      if (checkSurvivors && !applied[0]!.nothingReadable) {
        for (const [name, bytes] of originals) {
          const file = segmentPath(dir, name);
          if (applied[0]!.touched.has(name) || !isRegularFile(file)) continue;
          expect(fs.readFileSync(file).equals(bytes), name).toBe(true);
        }
      }
      expect(snapshot(outside)).toEqual(outsideBefore);
    }),
  );
}

function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

describe('a hostile or broken folder', () => {
  it(
    'with one change never crashes or hangs open, read, stats, verify or repair, reports it, and keeps every untouched event',
    TIMEOUT,
    async () => {
      await fc.assert(
        fc.asyncProperty(folderRecipe(), hostileChangeArb, async (recipe, change) =>
          exercise(recipe, [change], true),
        ),
        { numRuns: RUNS },
      );
    },
  );

  it(
    'with several changes at once never crashes or hangs, and never writes outside the folder',
    TIMEOUT,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          folderRecipe(),
          fc.array(hostileChangeArb, { minLength: 2, maxLength: 4 }),
          async (recipe, changes) => exercise(recipe, changes, false),
        ),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    },
  );
});
