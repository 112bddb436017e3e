import { FileLock } from './file-lock.js';
import { FolderLayout } from './folder-layout.js';
import { checkJournal } from './journal-replay.js';
import type { LogProblem } from './log-problem.js';
import { LogState, type LogTail, type ScanProgress } from './log-state.js';
import { readManifest } from './manifest.js';
import { SegmentFiles } from './segment-files.js';
import { countRecords, hashSegment, readSeal } from './segment-seal.js';

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
      bytes += files.size(segment.name);
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
    };
  } finally {
    files.closeAll();
  }
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

async function checkSeal(
  layout: FolderLayout,
  files: SegmentFiles,
  segment: LogState['index']['segments'][number],
): Promise<LogProblem[]> {
  const seal = readSeal(layout, segment.name);
  const at = { segment: segment.name, line: segment.lines, offset: segment.size };
  if (seal === undefined) return [{ ...at, reason: 'the seal file is missing or not valid JSON' }];
  const problems: LogProblem[] = [];
  if (seal.format !== 'eventfold-seal' || seal.version !== 1) {
    problems.push({ ...at, reason: 'the seal file is not an eventfold-seal version 1' });
  }
  if (seal.segment !== segment.name || seal.firstPosition !== segment.firstPosition) {
    problems.push({
      ...at,
      reason: `the seal belongs to ${String(seal.segment)} starting at position ${String(seal.firstPosition)}`,
    });
  }
  const { records, lastPosition } = countRecords(segment);
  const size = files.size(segment.name);
  if (seal.bytes !== size)
    problems.push({ ...at, reason: `seal says ${seal.bytes} bytes, the segment has ${size}` });
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
