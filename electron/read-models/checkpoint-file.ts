import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-file.js';

/**
 * A read model's checkpoint: `cache/read-models/<name>.checkpoint`, a header line of JSON (which read
 * model, which version, the position it covers and the id of the event there) and then the state as the
 * read model saved it. Written to a temp file, fsynced and renamed, so a crash leaves the old checkpoint or
 * the new one; the state's byte length in the header catches a file cut short some other way.
 */
export const CHECKPOINT_FORMAT = 1;

export interface CheckpointHeader {
  readonly readModel: string;
  readonly version: number;
  /** The last position folded into the state. */
  readonly position: number;
  /** Id of the event at `position` (null at 0), so that a replaced or cut log is noticed. */
  readonly eventId: string | null;
}

export interface Checkpoint extends CheckpointHeader {
  readonly state: string;
}

/** What reading found: a checkpoint, none, or one that cannot be used and why. */
export type CheckpointReading =
  | { readonly kind: 'found'; readonly checkpoint: Checkpoint }
  | { readonly kind: 'none' }
  | { readonly kind: 'unusable'; readonly reason: string };

interface HeaderLine extends CheckpointHeader {
  readonly format: number;
  readonly stateBytes: number;
}

const NEWLINE = 0x0a;

export function checkpointFile(folder: string, name: string): string {
  return path.join(folder, 'cache', 'read-models', `${name}.checkpoint`);
}

export async function writeCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  const { readModel, version, position, eventId, state } = checkpoint;
  const header: HeaderLine = {
    format: CHECKPOINT_FORMAT,
    readModel,
    version,
    position,
    eventId,
    stateBytes: Buffer.byteLength(state),
  };
  await fs.mkdir(path.dirname(file), { recursive: true });
  // JSON.stringify writes no raw newline, so the first newline of the file ends the header.
  await writeFileAtomic(file, `${JSON.stringify(header)}\n${state}`);
}

export async function readCheckpoint(file: string): Promise<CheckpointReading> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unusable', reason: `it cannot be read (${(error as Error).message})` };
  }
  const end = bytes.indexOf(NEWLINE);
  if (end === -1) return { kind: 'unusable', reason: 'it has no header line' };
  const header = parseHeader(bytes.subarray(0, end).toString('utf8'));
  if (header === undefined) return { kind: 'unusable', reason: 'its header is damaged' };
  const state = bytes.subarray(end + 1);
  if (state.length !== header.stateBytes) {
    return {
      kind: 'unusable',
      reason: `its state is ${state.length} bytes where the header says ${header.stateBytes}`,
    };
  }
  const { readModel, version, position, eventId } = header;
  return {
    kind: 'found',
    checkpoint: { readModel, version, position, eventId, state: state.toString('utf8') },
  };
}

export async function removeCheckpoint(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

function parseHeader(text: string): HeaderLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const header = value as Partial<HeaderLine> | null;
  if (
    typeof header !== 'object' ||
    header?.format !== CHECKPOINT_FORMAT ||
    typeof header.readModel !== 'string' ||
    !Number.isSafeInteger(header.version) ||
    !Number.isSafeInteger(header.position) ||
    (header.position ?? -1) < 0 ||
    !(header.eventId === null || typeof header.eventId === 'string') ||
    !Number.isSafeInteger(header.stateBytes) ||
    (header.stateBytes ?? -1) < 0
  ) {
    return undefined;
  }
  return header as HeaderLine;
}
