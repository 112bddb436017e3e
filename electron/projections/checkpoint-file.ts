import fs from 'node:fs/promises';
import { writeFileAtomic } from '../store/atomic-file.js';
import type { Holes } from './holes.js';

/**
 * Format 2: a header line (JSON, everything but the state), then the state's JSON text. Format 1 was one
 * JSON object with the state inside, so knowing a projection's position or fault meant parsing its whole
 * state; format 1 files still load, and are written again as format 2.
 */
export const CHECKPOINT_FORMAT = 2;
const SINGLE_OBJECT_FORMAT = 1;

/** A header longer than this (thousands of skipped events) is not read on its own: the list waits for a start. */
const MAX_HEADER_BYTES = 1024 * 1024;
const READ_CHUNK_BYTES = 16 * 1024;
const NEWLINE = 0x0a;

export interface SkippedEvent {
  readonly position: number;
  readonly error: string;
}

/** Where a projection stands, without its state: what the list can show of one that has not started. */
export interface CheckpointHeader {
  readonly projection: string;
  /** Hash of the code that made it: a checkpoint of other code is rebuilt, never trusted. */
  readonly codeHash: string;
  readonly position: number;
  /** Id of the event at `position`, so a log that was replaced (or cut by a repair) is noticed. */
  readonly eventId: string | null;
  readonly skipped: readonly SkippedEvent[];
  /**
   * Positions passed over because the log has no event there, counted up to `through` (absent in files
   * written before holes were counted: then none are known).
   */
  readonly holes?: Holes & { readonly through: number };
  /** The fault the projection stopped at, until it is skipped or the code changes. */
  readonly fault: { readonly position: number | null; readonly error: string } | null;
  /** Current snapshot spacing in events (it doubles when too many are kept). */
  readonly snapshotEvery: number;
}

/** Enough to resume without replaying what the projection has folded. */
export interface Checkpoint extends CheckpointHeader {
  /** The state as JSON text; null at position 0, where the state is the code's initial one. */
  readonly stateText: string | null;
  /** The format the file was in when read (older ones are worth writing again). */
  readonly format: number;
}

interface HeaderLine extends CheckpointHeader {
  readonly format: typeof CHECKPOINT_FORMAT;
  /** UTF-8 length of the state after the header line (null: no state): a cut file is noticed. */
  readonly stateBytes: number | null;
}

/** Written to a temp file, fsynced and renamed: a crash leaves the old checkpoint or the new one. */
export async function writeCheckpointFile(file: string, checkpoint: Checkpoint): Promise<void> {
  const { projection, codeHash, position, eventId, skipped, holes, fault, snapshotEvery, stateText } =
    checkpoint;
  const header: HeaderLine = {
    format: CHECKPOINT_FORMAT,
    projection,
    codeHash,
    position,
    eventId,
    skipped,
    ...(holes === undefined ? {} : { holes }),
    fault,
    snapshotEvery,
    stateBytes: stateText === null ? null : Buffer.byteLength(stateText),
  };
  // JSON.stringify leaves no raw newline in the header: the first newline of the file ends it.
  await writeFileAtomic(file, `${JSON.stringify(header)}\n${stateText ?? ''}`);
}

/** The whole checkpoint; null when there is none or it cannot be used (damaged, cut, unknown format). */
export async function readCheckpointFile(file: string): Promise<Checkpoint | null> {
  const bytes = await readIfExists(file);
  if (bytes === null) return null;
  const end = bytes.indexOf(NEWLINE);
  if (end === -1) return singleObject(bytes);
  const header = headerLine(bytes.subarray(0, end));
  if (header === null) return null;
  const state = bytes.subarray(end + 1);
  if (state.length !== (header.stateBytes ?? 0)) return null;
  return {
    ...withoutLayout(header),
    stateText: header.stateBytes === null ? null : state.toString('utf8'),
    format: CHECKPOINT_FORMAT,
  };
}

/**
 * Only the header line, reading no further than its end: a faulted projection's fault can be listed
 * without parsing a state of any size. Null when there is no checkpoint, or when it is a format 1 file or
 * damaged (then only a start can tell).
 */
export async function readCheckpointHeader(file: string): Promise<CheckpointHeader | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < MAX_HEADER_BYTES) {
      const chunk = Buffer.alloc(READ_CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) return null;
      const end = chunk.subarray(0, bytesRead).indexOf(NEWLINE);
      if (end !== -1) {
        chunks.push(chunk.subarray(0, end));
        const header = headerLine(Buffer.concat(chunks));
        return header === null ? null : withoutLayout(header);
      }
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    return null;
  } finally {
    await handle.close();
  }
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function headerLine(bytes: Buffer): HeaderLine | null {
  const value = parsed(bytes);
  if (!isHeader(value) || value.format !== CHECKPOINT_FORMAT) return null;
  const { stateBytes } = value as Partial<HeaderLine>;
  return stateBytes === null || isCount(stateBytes) ? (value as HeaderLine) : null;
}

/** A format 1 checkpoint: the header's fields and the state in one object. */
function singleObject(bytes: Buffer): Checkpoint | null {
  const value = parsed(bytes);
  if (!isHeader(value) || value.format !== SINGLE_OBJECT_FORMAT) return null;
  const { state } = value as { state?: unknown };
  return {
    ...withoutLayout(value),
    stateText: value.position === 0 ? null : JSON.stringify(state ?? null),
    format: SINGLE_OBJECT_FORMAT,
  };
}

function withoutLayout(value: CheckpointHeader): CheckpointHeader {
  const { projection, codeHash, position, eventId, skipped, holes, fault, snapshotEvery } = value;
  return {
    projection,
    codeHash,
    position,
    eventId,
    skipped,
    ...(holes === undefined ? {} : { holes }),
    fault,
    snapshotEvery,
  };
}

function parsed(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

/** The cache is only derived data, but a field of the wrong type would show the user wrong facts. */
function isHeader(value: unknown): value is CheckpointHeader & { readonly format: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Record<string, unknown>;
  const fault = header.fault as Record<string, unknown> | null;
  return (
    typeof header.projection === 'string' &&
    typeof header.codeHash === 'string' &&
    isCount(header.position) &&
    (header.eventId === null || typeof header.eventId === 'string') &&
    Array.isArray(header.skipped) &&
    header.skipped.every(
      (skip: Record<string, unknown> | null) =>
        typeof skip === 'object' && skip !== null && isCount(skip.position) && typeof skip.error === 'string',
    ) &&
    (fault === null ||
      (typeof fault === 'object' &&
        (fault.position === null || isCount(fault.position)) &&
        typeof fault.error === 'string')) &&
    isCount(header.snapshotEvery) &&
    header.snapshotEvery > 0 &&
    (header.holes === undefined || isHoles(header.holes))
  );
}

function isHoles(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const holes = value as Record<string, unknown>;
  return (
    isCount(holes.count) &&
    isCount(holes.through) &&
    Array.isArray(holes.positions) &&
    holes.positions.every(isCount)
  );
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
