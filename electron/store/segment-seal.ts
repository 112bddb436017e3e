import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HOLE, type SegmentEntry } from './event-index.js';
import { writeFileAtomic, syncDirectory } from './atomic-file.js';
import { diskFullError } from './disk-full.js';
import { inspectEntry, unsafeEntry } from './folder-entry.js';
import { LOG_DIR, type FolderLayout } from './folder-layout.js';
import type { SegmentFiles } from './segment-files.js';

/** `NNN.seal.json` beside a sealed segment: what it must hold, so that a reader can check it is all there. */
export interface SegmentSeal {
  readonly format: 'eventfold-seal';
  readonly version: 1;
  readonly segment: string;
  readonly firstPosition: number;
  readonly lastPosition: number;
  readonly records: number;
  readonly bytes: number;
  readonly sha256: string;
}

export async function hashSegment(files: SegmentFiles, segment: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const step = 8 * 1024 * 1024;
  for (let at = 0; at < bytes; at += step)
    hash.update(await files.read(segment, at, Math.min(step, bytes - at)));
  return hash.digest('hex');
}

export function countRecords(segment: SegmentEntry): { records: number; lastPosition: number } {
  let records = 0;
  let lastPosition = segment.firstPosition - 1;
  for (let i = 0; i < segment.offsets.length; i++) {
    if (segment.offsets.get(i) !== HOLE) {
      records++;
      lastPosition = segment.firstPosition + i;
    }
  }
  return { records, lastPosition };
}

/** Seals the full segment and creates the next one (under the write lock). */
export async function sealSegment(
  layout: FolderLayout,
  files: SegmentFiles,
  segment: SegmentEntry,
  nextName: string,
): Promise<void> {
  const { records, lastPosition } = countRecords(segment);
  const seal: SegmentSeal = {
    format: 'eventfold-seal',
    version: 1,
    segment: segment.name,
    firstPosition: segment.firstPosition,
    lastPosition,
    records,
    bytes: segment.size,
    sha256: await hashSegment(files, segment.name, segment.size),
  };
  // The seal is durable before the next segment exists: a reader that finds the next segment can trust the seal.
  const text = JSON.stringify(seal, null, 2) + '\n';
  try {
    await writeFileAtomic(layout.seal(segment.name), text);
  } catch (error) {
    throw diskFullError(error, layout.log, `sealing log/${segment.name}`, text.length);
  }
  segment.sealed = true;
  await createSegmentFile(layout, nextName);
}

export async function createSegmentFile(layout: FolderLayout, name: string): Promise<void> {
  try {
    fs.closeSync(fs.openSync(layout.segment(name), 'wx'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw diskFullError(error, layout.log, `creating log/${name}`);
    }
    // Left by an interrupted earlier attempt, it is used as it is; but only a regular file is appended to.
    const entry = inspectEntry(layout.segment(name));
    if (entry.kind !== 'file')
      throw unsafeEntry(layout.root, path.join(LOG_DIR, name), entry, 'a segment file');
  }
  await syncDirectory(layout.log);
}
