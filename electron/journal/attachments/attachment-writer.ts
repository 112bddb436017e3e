import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '../../store/atomic-file.js';
import type { AttachmentFiles } from './attachment-files.js';

/**
 * Where unfinished attachments are written: inside the folder (so the rename into place never crosses a
 * disk) but in its cache, which holds only what may be lost: an upload cut off by a crash.
 */
export function incomingDir(folder: string): string {
  return path.join(folder, 'cache', 'incoming-attachments');
}

/** A new temp file for an attachment's bytes. */
export async function incomingFile(folder: string): Promise<string> {
  const dir = incomingDir(folder);
  await fs.mkdir(dir, { recursive: true });
  return path.join(dir, `${randomBytes(12).toString('hex')}.part`);
}

/**
 * Moves a finished, fsynced temp file to its place by hash and makes that durable: the directories made
 * on the way and the rename are fsynced before this resolves, so an event naming the attachment can only
 * ever be appended after its bytes are safely in the folder. A file already there (the same bytes, stored
 * for another message) is kept and the temp file dropped: each content is stored once.
 */
export async function placeAttachment(
  files: AttachmentFiles,
  temp: string,
  sha256: string,
  size: number,
): Promise<void> {
  const target = files.pathOf(sha256);
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing?.isFile() === true && existing.size === size) {
    await fs.rm(temp, { force: true });
    return;
  }
  const made = await makeDirectories(path.dirname(target));
  await fs.rename(temp, target);
  await syncDirectory(path.dirname(target));
  // A directory created here is only durable once its parent's entry for it is.
  for (const dir of made) await syncDirectory(path.dirname(dir));
}

/** mkdir -p that says which directories it created, deepest last. */
async function makeDirectories(dir: string): Promise<string[]> {
  const first = await fs.mkdir(dir, { recursive: true });
  if (first === undefined) return [];
  const made: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    made.unshift(current);
    if (current === first || path.dirname(current) === current) break;
  }
  return made;
}
