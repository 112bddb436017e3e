import fs from 'node:fs';
import { describeEntry, inspectEntry } from './folder-entry.js';
import { parseSegmentName, sealNameOf, type FolderLayout } from './folder-layout.js';
import type { SegmentSeal } from './segment-seal.js';

/** Seals are a few hundred bytes; anything much larger is not one (and is not read whole). */
const MAX_SEAL_BYTES = 64 * 1024;

/** The reason given for a sealed segment whose seal is gone, however the store came to know it was sealed. */
export const MISSING_SEAL = 'the segment has no seal, yet later segments follow it';

export type SealLook =
  | { readonly state: 'absent' }
  | { readonly state: 'present'; readonly seal: SegmentSeal }
  | { readonly state: 'unusable'; readonly reason: string };

/**
 * Reads a segment's seal file without trusting it: a seal must be a regular file (not a link, a directory
 * or a FIFO, which would block the read) holding an `eventfold-seal` version 1 object.
 */
export function lookAtSeal(layout: FolderLayout, segment: string): SealLook {
  const file = layout.seal(segment);
  const where = `log/${sealNameOf(segment)}`;
  const entry = inspectEntry(file);
  if (entry.kind === 'missing') return { state: 'absent' };
  if (entry.kind !== 'file') {
    return { state: 'unusable', reason: `the seal ${where} is ${describeEntry(entry)}, not a file` };
  }
  let text: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(MAX_SEAL_BYTES + 1);
      const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
      if (read > MAX_SEAL_BYTES) {
        return { state: 'unusable', reason: `the seal ${where} is too large to be a seal` };
      }
      text = buffer.toString('utf8', 0, read);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return {
      state: 'unusable',
      reason: `the seal ${where} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: 'unusable', reason: `the seal ${where} is not valid JSON` };
  }
  const seal = value as Partial<SegmentSeal> | null;
  if (typeof seal !== 'object' || seal?.format !== 'eventfold-seal' || seal.version !== 1) {
    return { state: 'unusable', reason: `the seal ${where} is not an eventfold-seal version 1` };
  }
  return { state: 'present', seal: seal as SegmentSeal };
}

/**
 * What is wrong with the seal of a segment known to be sealed, checked the same way whether the store
 * learnt that from the log or from its index cache, so that a folder gets one verdict either way: it must
 * be there, readable, name this segment and its first position, and give the segment's size. (Its event
 * count and hash are checked by verify, which reads the whole segment anyway.)
 */
export function sealProblem(layout: FolderLayout, segment: string, fileSize: number): string | undefined {
  const look = lookAtSeal(layout, segment);
  if (look.state === 'absent') return MISSING_SEAL;
  if (look.state === 'unusable') return look.reason;
  const { seal } = look;
  if (seal.segment !== segment || seal.firstPosition !== parseSegmentName(segment)) {
    return `the seal belongs to ${String(seal.segment)} starting at position ${String(seal.firstPosition)}`;
  }
  if (seal.bytes !== fileSize) return `seal says ${String(seal.bytes)} bytes, the segment has ${fileSize}`;
  return undefined;
}
