import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a small file so that a crash leaves either the old content or the new, never a mix:
 * write a temp file beside it, fsync it, rename over the target, fsync the directory (the rename
 * itself is only durable once the directory entry is).
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  await writeFileAtomicWith(target, (handle) => handle.writeFile(content));
}

/**
 * writeFileAtomic for content written in pieces by `write` (a large file never held whole): its result is
 * returned once the file is durable under its name.
 */
export async function writeFileAtomicWith<T>(
  target: string,
  write: (handle: fs.FileHandle) => Promise<T>,
): Promise<T> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  // Exclusive: never through a link someone planted under the temp file's name.
  const handle = await fs.open(temp, 'wx');
  let failed: { error: unknown } | undefined;
  let result: T | undefined;
  try {
    result = await write(handle);
    await handle.sync();
  } catch (error) {
    failed = { error };
  }
  try {
    await handle.close();
  } catch (error) {
    failed ??= { error };
  }
  if (failed !== undefined) {
    // A full disk (ENOSPC) must not leave a half-written temp file behind.
    await fs.rm(temp, { force: true });
    throw failed.error;
  }
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(target));
  return result as T;
}

/** Makes created, renamed or removed entries of a directory durable. Windows cannot open directories; it needs none. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
