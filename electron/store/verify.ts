import { FileLock } from './file-lock.js';
import path from 'node:path';
import { describeEntry, inspectEntry } from './folder-entry.js';
import { CACHE_DIR, FolderLayout, LOCK_FILE } from './folder-layout.js';
import { INDEX_CACHE_FILE } from './index-cache.js';
import { REPAIRS_DIR } from './tail-repair.js';
import { checkJournal } from './journal-replay.js';
import type { LogProblem } from './log-problem.js';
import { LogState, type LogTail, type ScanProgress } from './log-state.js';
import { readManifest } from './manifest.js';
import { SegmentFiles } from './segment-files.js';
import { lookAtSeal, sealProblem } from './seal-check.js';
import { countRecords, hashSegment } from './segment-seal.js';

export interface VerifyReport {
  /** True when every line is intact, positions run 1..N without gaps, seals match, and no tail is torn. */
  readonly sound: boolean;
  readonly events: number;
  readonly streams: number;
  readonly segments: number;
  readonly bytes: number;
  readonly problems: readonly LogProblem[];
  /** An incomplete last append; a problem when torn (`eventfold repair` cuts it). */
  readonly tail: LogTail | undefined;
  /**
   * Acknowledged events that log/journal.bin holds and the log lacks (after a power loss, until an
   * Eventfold process opens the folder for writing and writes them back); a problem when not 0.
   */
  readonly journaledEvents: number;
  /**
   * Entries outside the log that are not what Eventfold expects there (a linked cache/ or repairs/, a
   * directory in the write lock's place): Eventfold leaves them alone and never writes through them. The
   * log may still be sound; some of them stop appends (the lock) or repairs (repairs/) until removed.
   */
  readonly notes: readonly string[];
}

/**
 * Reads the whole folder as a stranger would: every line parsed and checked in full, not just the
 * checksum and index fields, and every sealed segment hashed against its seal.
 */
export async function verifyEventFolder(
  folder: string,
  onProgress?: (progress: ScanProgress) => void,
): Promise<VerifyReport> {
  const manifest = await readManifest(folder);
  const layout = new FolderLayout(folder);
  const files = new SegmentFiles(layout);
  const state = new LogState(layout, manifest, files, true);
  try {
    // The long read runs without the lock, so writers are never held up by a verify.
    await state.catchUp({ thorough: true, ...(onProgress ? { onProgress } : {}) });
    if (state.tail !== undefined) await classifyTail(state, new FileLock(layout.lock));
    const problems: LogProblem[] = [...state.corruption];
    let bytes = 0;
    for (const segment of state.index.segments) {
      if (segment.unreadable !== true) bytes += files.size(segment.name);
      if (segment.sealed) problems.push(...(await checkSeal(layout, files, segment)));
    }
    const journal = checkJournal(layout);
    problems.push(...journal.problems);
    const tail = state.tail;
    if (tail?.torn === true) {
      const lastSegment = state.index.segments.at(-1);
      problems.push({
        segment: tail.segment,
        line: (lastSegment?.lines ?? 0) + 1,
        offset: tail.offset,
        reason: `${tail.bytes} bytes of an interrupted append at the end (torn tail); eventfold repair cuts them`,
        repairable: 'torn-tail',
      });
    }
    return {
      sound: problems.length === 0,
      events: state.index.lastPosition,
      streams: state.index.streams.length,
      segments: state.index.segments.length,
      bytes,
      problems,
      tail,
      journaledEvents: journal.missingEvents,
      notes: oddEntries(layout),
    };
  } finally {
    files.closeAll();
  }
}

/** What the folder holds outside log/ where Eventfold reads or writes, when it is not what belongs there. */
function oddEntries(layout: FolderLayout): string[] {
  const expected: [string, 'file' | 'directory', string][] = [
    [CACHE_DIR, 'directory', 'Eventfold neither reads nor writes its index cache through it'],
    [path.join(CACHE_DIR, INDEX_CACHE_FILE), 'file', 'Eventfold ignores it and does not replace it'],
    [REPAIRS_DIR, 'directory', 'repair refuses to keep anything through it'],
    [LOCK_FILE, 'file', 'appends are refused until it is removed'],
    [`${LOCK_FILE}.next`, 'file', 'appends may wait for it'],
    [`${LOCK_FILE}.steal`, 'file', 'appends are refused until it is removed'],
  ];
  const notes: string[] = [];
  for (const [relative, kind, effect] of expected) {
    const entry = inspectEntry(path.join(layout.root, relative));
    if (entry.kind === 'missing' || entry.kind === kind) continue;
    notes.push(`${relative.split(path.sep).join('/')} is ${describeEntry(entry)}, not a ${kind}: ${effect}`);
  }
  return notes;
}

/** Holds the lock just long enough to tell a torn tail from an append in progress. */
async function classifyTail(state: LogState, lock: FileLock): Promise<void> {
  let locked = false;
  try {
    locked = lock.tryAcquire();
  } catch {
    // Read-only media: nobody can be writing there either, but the tail cannot be called torn for sure.
  }
  if (!locked) return;
  try {
    await state.catchUp({ underLock: true });
  } finally {
    lock.release();
  }
}

/**
 * The seal against its segment, beyond what opening checks (`sealProblem`, already in the state's
 * problems when it fails): the event count, the last position and the SHA-256 hash.
 */
async function checkSeal(
  layout: FolderLayout,
  files: SegmentFiles,
  segment: LogState['index']['segments'][number],
): Promise<LogProblem[]> {
  if (segment.unreadable === true) return [];
  const size = files.size(segment.name);
  if (sealProblem(layout, segment.name, size) !== undefined) return [];
  const look = lookAtSeal(layout, segment.name);
  if (look.state !== 'present') return [];
  const { seal } = look;
  const at = { segment: segment.name, line: segment.lines, offset: segment.size };
  const problems: LogProblem[] = [];
  const { records, lastPosition } = countRecords(segment);
  if (seal.records !== records) {
    problems.push({
      ...at,
      reason: `seal says ${seal.records} events, the segment has ${records} valid ones`,
    });
  }
  if (seal.lastPosition !== lastPosition) {
    problems.push({
      ...at,
      reason: `seal says the last position is ${seal.lastPosition}, the segment ends at ${lastPosition}`,
    });
  }
  if (problems.length === 0 && (await hashSegment(files, segment.name, size)) !== seal.sha256) {
    problems.push({ ...at, reason: 'the segment does not match the SHA-256 hash in its seal' });
  }
  return problems;
}
