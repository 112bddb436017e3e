import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { crc32c } from '../../../electron/store/crc32c.js';
import { segmentPath, type BuiltFolder } from '../built-folder.js';
import { garbageArb, spoil, type Garbage } from './file-garbage.js';

/**
 * What someone else's folder may hold instead of what Eventfold wrote: garbage in any file, lines that
 * are not lines, and directories, links and FIFOs under the names the format reserves. Each change is
 * applied to a built folder; `touched` says which segments' bytes changed, for working out which events
 * must still read back.
 */

/** The names of the folder a change may hit. */
export type FileTarget = 'segment' | 'seal' | 'manifest' | 'cache' | 'journal' | 'lock';
export type EntryTarget = FileTarget | 'cache dir' | 'repairs dir' | 'log dir';
export type LineShape = 'huge' | 'nuls' | 'invalid utf-8' | 'wrong types' | 'cut line';
export type EntryShape = 'directory' | 'link out' | 'dangling link' | 'fifo';

export type HostileChange =
  | {
      readonly kind: 'garbage';
      readonly target: FileTarget;
      readonly garbage: Garbage;
      readonly pick: number;
    }
  | { readonly kind: 'line'; readonly shape: LineShape; readonly pick: number; readonly at: number }
  | { readonly kind: 'entry'; readonly target: EntryTarget; readonly as: EntryShape; readonly pick: number }
  | { readonly kind: 'rename'; readonly pick: number; readonly to: number };

const canMakeFifo = process.platform !== 'win32';

export const hostileChangeArb: fc.Arbitrary<HostileChange> = fc.oneof(
  fc.record({
    kind: fc.constant('garbage' as const),
    target: fc.constantFrom<FileTarget>('segment', 'seal', 'manifest', 'cache', 'journal', 'lock'),
    garbage: garbageArb,
    pick: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('line' as const),
    shape: fc.constantFrom<LineShape>('huge', 'nuls', 'invalid utf-8', 'wrong types', 'cut line'),
    pick: fc.nat(),
    at: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('entry' as const),
    target: fc.constantFrom<EntryTarget>(
      'segment',
      'seal',
      'manifest',
      'cache',
      'journal',
      'lock',
      'cache dir',
      'repairs dir',
      'log dir',
    ),
    as: fc.constantFrom<EntryShape>(
      'directory',
      'link out',
      'dangling link',
      ...(canMakeFifo ? ['fifo' as const] : []),
    ),
    pick: fc.nat(),
  }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), to: fc.integer({ min: 1, max: 200 }) }),
);

/** What a change did, for the checks. */
export interface Applied {
  /** Segments whose file now holds other bytes: name -> the bytes, or 'unreadable' (no file any more). */
  readonly touched: Map<string, Buffer | 'unreadable'>;
  /** No event can be read any more (the manifest or log/ replaced by something that is not one). */
  readonly nothingReadable: boolean;
}

/** Applies a change to the folder; `outside` is a directory out of the folder for links to point into. */
export function applyChange(built: BuiltFolder, change: HostileChange, outside: string): Applied {
  const touched = new Map<string, Buffer | 'unreadable'>();
  const { dir, segments } = built;
  const pickSegment = (pick: number): string => segments[pick % segments.length]!;
  switch (change.kind) {
    case 'garbage': {
      const file = fileOf(built, change.target, change.pick);
      assertFileOrNothing(file);
      const original = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
      const content = spoil(original, change.garbage);
      fs.writeFileSync(file, content);
      if (change.target === 'segment') touched.set(path.basename(file), content);
      return { touched, nothingReadable: false };
    }
    case 'line': {
      const segment = pickSegment(change.pick);
      const file = segmentPath(dir, segment);
      assertFileOrNothing(file);
      const original = fs.readFileSync(file);
      const content = withLine(original, change.shape, change.at);
      fs.writeFileSync(file, content);
      touched.set(segment, content);
      return { touched, nothingReadable: false };
    }
    case 'rename': {
      const from = pickSegment(change.pick);
      const to = `${String(change.to).padStart(12, '0')}.jsonl`;
      // Onto a name no segment has: the file's bytes move, none change.
      if (segments.includes(to)) return { touched, nothingReadable: false };
      fs.renameSync(segmentPath(dir, from), segmentPath(dir, to));
      return { touched, nothingReadable: false };
    }
    case 'entry':
      return replaceEntry(built, change, outside);
  }
}

/**
 * An earlier change may have put a directory, a link or a FIFO there (writing into a FIFO would block this
 * test itself): such a run is moot, and says so with the code the property discards.
 */
function assertFileOrNothing(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return;
  }
  if (!stat.isFile()) throw Object.assign(new Error(`${file} is no longer a file`), { code: 'EEXIST' });
}

function fileOf(built: BuiltFolder, target: FileTarget, pick: number): string {
  const { dir, segments } = built;
  const segment = segments[pick % segments.length]!;
  switch (target) {
    case 'segment':
      return segmentPath(dir, segment);
    case 'seal':
      return segmentPath(dir, segment.replace(/\.jsonl$/, '.seal.json'));
    case 'manifest':
      return path.join(dir, 'eventfold.json');
    case 'cache':
      return path.join(dir, 'cache', 'index-v1.bin');
    case 'journal':
      return path.join(dir, 'log', 'journal.bin');
    case 'lock':
      return path.join(dir, 'write.lock');
  }
}

function replaceEntry(
  built: BuiltFolder,
  change: Extract<HostileChange, { kind: 'entry' }>,
  outside: string,
): Applied {
  const touched = new Map<string, Buffer | 'unreadable'>();
  const { dir } = built;
  const place =
    change.target === 'cache dir'
      ? path.join(dir, 'cache')
      : change.target === 'repairs dir'
        ? path.join(dir, 'repairs')
        : change.target === 'log dir'
          ? path.join(dir, 'log')
          : fileOf(built, change.target, change.pick);
  const away = path.join(outside, `moved-${path.basename(place)}`);
  // A link out leads to a copy of what was there (or an empty directory or file): reading through it
  // is harmless, writing through it would write outside the folder.
  if (fs.existsSync(place)) fs.renameSync(place, away);
  else if (change.target.endsWith('dir')) fs.mkdirSync(away);
  else fs.writeFileSync(away, 'precious\n');
  switch (change.as) {
    case 'directory':
      fs.mkdirSync(place);
      break;
    case 'link out':
      fs.symlinkSync(away, place);
      break;
    case 'dangling link':
      fs.symlinkSync(path.join(outside, 'nothing-here'), place);
      break;
    case 'fifo':
      execFileSync('mkfifo', [place]);
      break;
  }
  const readable = change.as === 'link out';
  if (change.target === 'segment' && !readable) touched.set(path.basename(place), 'unreadable');
  const nothingReadable =
    (change.target === 'manifest' && !readable) ||
    (change.target === 'log dir' && !readable && built.events.length > 0);
  return { touched, nothingReadable };
}

/** The segment with a line that is not one: where `at` says, at a line boundary or inside a line. */
function withLine(original: Buffer, shape: LineShape, at: number): Buffer {
  const starts = [0];
  for (let i = original.indexOf(0x0a); i !== -1; i = original.indexOf(0x0a, i + 1)) starts.push(i + 1);
  const boundary = starts[at % starts.length]!;
  const insert = (bytes: Buffer, where = boundary): Buffer =>
    Buffer.concat([original.subarray(0, where), bytes, original.subarray(where)]);
  switch (shape) {
    case 'huge':
      // Twice the longest line a reader accepts, as a line of its own.
      return insert(Buffer.concat([Buffer.alloc(2 * 1024 * 1024 + 3, 'x'), Buffer.from('\n')]));
    case 'nuls':
      return insert(Buffer.alloc(4096 + (at % 100)), at % (original.length + 1));
    case 'invalid utf-8':
      // A line whose checksum is right over bytes that are not UTF-8.
      return insert(checksummed(Buffer.from('{"position":1,"stream":"s\xff\xfe","revision":0}', 'latin1')));
    case 'wrong types':
      return insert(
        checksummed(
          Buffer.from(
            JSON.stringify({
              position: 'one',
              stream: 42,
              revision: -1,
              id: null,
              type: ['x'],
              time: 5,
              data: undefined,
              meta: 'm',
            }).slice(0, -1),
          ),
        ),
      );
    case 'cut line':
      return original.subarray(0, at % (original.length + 1));
  }
}

/** A line with a correct checksum suffix over `head` (a JSON object without its closing brace). */
function checksummed(head: Buffer): Buffer {
  const suffix = `,"crc32c":"${crc32c(head).toString(16).padStart(8, '0')}"}\n`;
  return Buffer.concat([head, Buffer.from(suffix)]);
}

/** Every file under `dir` and what it holds (links and FIFOs by kind), to show nothing was written there. */
export function snapshot(dir: string): Map<string, string> {
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
