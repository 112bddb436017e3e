import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../shared/event.js';
import {
  describeProblem,
  initEventFolder,
  openEventStore,
  verifyEventFolder,
  type EventStore,
} from '../../electron/store/index.js';
import { readEverything } from './read-everything.js';
import { expectStoreError } from './store-error-expectation.js';
import { useTempFolders } from './temp-folders.js';

const tempDir = useTempFolders('eventfold-hostile-entries-');

/**
 * A folder from someone else may hold anything under the names the format reserves: segments renamed
 * out of sequence, directories or links where files belong. Every such folder must open, show every
 * valid event, say what is wrong and where, and never make Eventfold write outside it.
 */

const seg = (first: number): string => `${String(first).padStart(12, '0')}.jsonl`;

/** 30 events in segments of 4 (limit 1024 bytes): 1, 5, 9, … 25 sealed, 29 the last. */
async function folderOfSegments(): Promise<{ dir: string; events: RecordedEvent[] }> {
  const dir = path.join(tempDir(), 'events');
  await initEventFolder(dir, { segmentSizeLimit: 1024 });
  const store = await openEventStore(dir, { watch: false });
  try {
    for (let i = 1; i <= 30; i++) {
      await store.appendToStream(`item-${i % 3}`, [{ type: 'Added', data: { i, pad: 'x'.repeat(100) } }]);
    }
    const events = await readEverything(store);
    expect(fs.readdirSync(path.join(dir, 'log')).filter((name) => name.endsWith('.jsonl'))).toHaveLength(8);
    return { dir, events };
  } finally {
    await store.close();
  }
}

async function opened<T>(dir: string, use: (store: EventStore) => Promise<T>, cache = true): Promise<T> {
  const store = await openEventStore(dir, { watch: false, cache });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Every file under `dir` with its bytes, to show that nothing was written. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(path.relative(dir, full), fs.readFileSync(full).toString('base64'));
      else files.set(path.relative(dir, full), entry.isSymbolicLink() ? 'link' : 'special');
    }
  };
  walk(dir);
  return files;
}

describe('a segment renamed out of sequence', () => {
  const cases: [string, string, string][] = [
    ['a sealed segment renamed to the next number', seg(13), seg(14)],
    ['a sealed segment renamed past the end of the log', seg(13), seg(99)],
    ['a sealed segment renamed to an earlier number', seg(13), seg(2)],
    ['the last segment renamed one up', seg(29), seg(30)],
  ];
  for (const [title, from, to] of cases) {
    for (const cache of [true, false]) {
      it(`${title} (${cache ? 'index cache kept' : 'no index cache'}): every event reads, the misnaming is reported`, async () => {
        const { dir, events } = await folderOfSegments();
        fs.renameSync(path.join(dir, 'log', from), path.join(dir, 'log', to));
        if (!cache) fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });

        await opened(dir, async (store) => {
          expect(await readEverything(store)).toEqual(events);
          const health = store.health();
          expect(health.readOnly).toBe(true);
          expect(health.problems).toContainEqual(
            expect.objectContaining({
              segment: to,
              reason: expect.stringMatching(
                /named for position \d+ but its first event is position \d+/,
              ) as unknown,
            }),
          );
          await expectStoreError(store.appendToStream('item-1', [{ type: 'Added' }]), 'ReadOnly');
        });
        const report = await verifyEventFolder(dir);
        expect(report.sound).toBe(false);
        expect(report.events).toBe(30);
        expect(report.problems.map(describeProblem).join('\n')).toContain(`log/${to}`);
      });
    }
  }
});

describe('a directory where a file belongs', () => {
  it('in a sealed segment’s place: reported with its path, every other segment reads', async () => {
    const { dir, events } = await folderOfSegments();
    fs.rmSync(path.join(dir, 'log', seg(13)));
    fs.mkdirSync(path.join(dir, 'log', seg(13)));
    fs.rmSync(path.join(dir, 'cache'), { recursive: true });
    await opened(dir, async (store) => {
      expect(await readEverything(store)).toEqual(events.filter((e) => e.position < 13 || e.position > 16));
      const first = store.health().problems[0]!;
      expect(describeProblem(first)).toBe(
        `log/${seg(13)}: a directory where a segment file belongs: no events can be read from it`,
      );
      const refused = await expectStoreError(store.appendToStream('item-1', [{ type: 'Added' }]), 'ReadOnly');
      expect(refused.message).toContain(`log/${seg(13)}`);
      expect(refused.message).not.toContain('EISDIR');
    });
    const report = await verifyEventFolder(dir);
    expect(report.problems[0]).toMatchObject({ segment: seg(13), line: 0 });
  });

  it('in the last segment’s place, the journal’s or a seal’s: reported with its path, the rest reads', async () => {
    for (const [name, kept] of [
      [seg(29), 28],
      ['journal.bin', 30],
      ['000000000013.seal.json', 30],
    ] as const) {
      const { dir, events } = await folderOfSegments();
      fs.rmSync(path.join(dir, 'log', name));
      fs.mkdirSync(path.join(dir, 'log', name));
      await opened(dir, async (store) => {
        expect(await readEverything(store)).toEqual(events.slice(0, kept));
        const health = store.health();
        expect(health.readOnly).toBe(true);
        expect(health.problems.map(describeProblem).join('\n')).toContain(`log/${name}`);
        const refused = await store
          .appendToStream('item-1', [{ type: 'Added' }])
          .catch((error: Error) => error);
        expect(refused).toBeInstanceOf(Error);
        expect((refused as Error).message).toContain(name);
        expect((refused as Error).message).not.toMatch(/EISDIR/);
      });
      expect((await verifyEventFolder(dir)).sound).toBe(false);
    }
  });

  it('in the manifest’s place: refused naming the manifest', async () => {
    const { dir } = await folderOfSegments();
    fs.rmSync(path.join(dir, 'eventfold.json'));
    fs.mkdirSync(path.join(dir, 'eventfold.json'));
    const refused = await expectStoreError(openEventStore(dir, { watch: false }), 'NotAnEventFolder');
    expect(refused.message).toBe(
      `${path.join(dir, 'eventfold.json')} is a directory, not the manifest file: ${dir} is not an event folder`,
    );
    await expectStoreError(verifyEventFolder(dir), 'NotAnEventFolder');
  });

  it('in the write lock’s place: appends fail at once naming it; reads and verify go on', async () => {
    const { dir, events } = await folderOfSegments();
    fs.mkdirSync(path.join(dir, 'write.lock'));
    await opened(dir, async (store) => {
      expect(await readEverything(store)).toEqual(events);
      const refused = await expectStoreError(
        store.appendToStream('item-1', [{ type: 'Added' }]),
        'UnsafePath',
      );
      expect(refused.message).toContain(
        `${path.join(dir, 'write.lock')} is a directory where a lock file belongs`,
      );
    });
    const report = await verifyEventFolder(dir);
    expect(report.sound).toBe(true);
    expect(report.notes).toEqual([
      'write.lock is a directory, not a file: appends are refused until it is removed',
    ]);
  });

  it('in the index cache’s place: the folder opens from the log and appends work', async () => {
    const { dir, events } = await folderOfSegments();
    fs.rmSync(path.join(dir, 'cache', 'index-v1.bin'));
    fs.mkdirSync(path.join(dir, 'cache', 'index-v1.bin'));
    await opened(dir, async (store) => {
      expect(await readEverything(store)).toEqual(events);
      expect(store.health().readOnly).toBe(false);
      await store.appendToStream('item-1', [{ type: 'Added' }]);
    });
    expect(fs.statSync(path.join(dir, 'cache', 'index-v1.bin')).isDirectory()).toBe(true);
    expect((await verifyEventFolder(dir)).notes).toEqual([
      'cache/index-v1.bin is a directory, not a file: Eventfold ignores it and does not replace it',
    ]);
  });
});

describe('a seal that is missing or damaged', () => {
  for (const damage of ['deleted', 'garbage'] as const) {
    it(`(${damage}) gets the same verdict with and without the index cache: read-only, reported, every event reads`, async () => {
      const verdicts: unknown[] = [];
      for (const cache of ['kept', 'deleted'] as const) {
        const { dir, events } = await folderOfSegments();
        const seal = path.join(dir, 'log', '000000000013.seal.json');
        if (damage === 'deleted') fs.rmSync(seal);
        else fs.writeFileSync(seal, '{"format":"eventfold-se');
        if (cache === 'deleted') fs.rmSync(path.join(dir, 'cache'), { recursive: true });
        else expect(fs.existsSync(path.join(dir, 'cache', 'index-v1.bin'))).toBe(true);
        verdicts.push(
          await opened(dir, async (store) => {
            expect(await readEverything(store)).toEqual(events);
            const refused = await expectStoreError(
              store.appendToStream('item-1', [{ type: 'Added' }]),
              'ReadOnly',
            );
            expect(refused.message).toContain(seg(13));
            return store.health();
          }),
        );
      }
      expect(verdicts[0]).toEqual(verdicts[1]);
      expect(verdicts[0]).toMatchObject({
        readOnly: true,
        problems: [expect.objectContaining({ segment: seg(13) })],
      });
    });
  }
});

describe('symbolic links in the folder', () => {
  /** A place outside the folder, with a file in it that must never change. */
  function outside(): { dir: string; precious: string } {
    const dir = tempDir();
    const precious = path.join(dir, 'precious.txt');
    fs.writeFileSync(precious, 'precious\n');
    return { dir, precious };
  }

  it('a linked last segment, journal or log/ makes the folder read-only, naming it; nothing outside is written', async () => {
    for (const linked of [seg(29), 'journal.bin', 'log'] as const) {
      const { dir, events } = await folderOfSegments();
      const away = outside();
      const inFolder = linked === 'log' ? path.join(dir, 'log') : path.join(dir, 'log', linked);
      const target = path.join(away.dir, 'moved');
      fs.renameSync(inFolder, target);
      fs.symlinkSync(target, inFolder);
      const before = snapshot(away.dir);
      await opened(dir, async (store) => {
        expect(await readEverything(store)).toEqual(events);
        expect(store.health().readOnly).toBe(true);
        expect(store.health().problems.map(describeProblem).join('\n')).toContain('a symbolic link');
        const refused = await store
          .appendToStream('item-1', [{ type: 'Added' }])
          .catch((error: Error) => error);
        expect((refused as Error).message).toMatch(/symbolic link/);
        await expectStoreError(store.repair(), 'Corrupt');
      });
      expect(snapshot(away.dir)).toEqual(before);
    }
  });

  it('a linked cache/ is neither read nor written, and verify names it', async () => {
    const { dir, events } = await folderOfSegments();
    const away = outside();
    fs.rmSync(path.join(dir, 'cache'), { recursive: true });
    fs.symlinkSync(away.dir, path.join(dir, 'cache'));
    const before = snapshot(away.dir);
    await opened(dir, async (store) => {
      expect(await readEverything(store)).toEqual(events);
      await store.appendToStream('item-1', [{ type: 'Added' }]);
    });
    expect(snapshot(away.dir)).toEqual(before);
    expect((await verifyEventFolder(dir)).notes[0]).toMatch(
      /^cache is a symbolic link \(to .+\), not a directory: Eventfold neither reads nor writes its index cache through it$/,
    );
  });

  it('a linked repairs/ is refused by repair, naming it, and the torn tail stays for a later repair', async () => {
    const { dir } = await folderOfSegments();
    const away = outside();
    fs.symlinkSync(away.dir, path.join(dir, 'repairs'));
    fs.appendFileSync(path.join(dir, 'log', seg(29)), '{"position":31,"str');
    const before = snapshot(away.dir);
    await opened(dir, async (store) => {
      const refused = await expectStoreError(store.repair(), 'UnsafePath');
      expect(refused.message).toContain(`${path.join(dir, 'repairs')} is a symbolic link`);
      expect(store.health().tail).toMatchObject({ torn: true });
    });
    expect(snapshot(away.dir)).toEqual(before);
  });

  it('a linked write.lock is refused at once, naming it, and its target is left as it was', async () => {
    const { dir } = await folderOfSegments();
    const away = outside();
    fs.symlinkSync(away.precious, path.join(dir, 'write.lock'));
    await opened(dir, async (store) => {
      const refused = await expectStoreError(
        store.appendToStream('item-1', [{ type: 'Added' }]),
        'UnsafePath',
      );
      expect(refused.message).toContain('write.lock is a symbolic link');
    });
    expect(fs.readFileSync(away.precious, 'utf8')).toBe('precious\n');
    expect(fs.lstatSync(path.join(dir, 'write.lock')).isSymbolicLink()).toBe(true);
  });
});
