import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A folder's projection code as it was read at one moment: what trust is given to, and what then runs. */
export interface ProjectionFiles {
  /** projections/*.js by name (NAME.js), in name order, with their text. */
  readonly files: readonly { readonly name: string; readonly text: string }[];
  /** Files that could not be read, with why (they count towards the hash). */
  readonly unreadable: readonly { readonly name: string; readonly reason: string }[];
  /** SHA-256 over the names and contents: trust is kept for exactly this code. */
  readonly hash: string;
}

/**
 * How many projection files (`projections/*.js`) an event folder holds: what trusting it would let run
 * (links to files count, as the projection host follows them). A folder without projections/ has none.
 */
export async function countProjectionFiles(folder: string): Promise<number> {
  return (await projectionFileNames(folder)).length;
}

/**
 * Reads every projections/*.js of the folder and hashes them together. A file that cannot be read counts
 * as its name and the error, so that it changing into something readable asks for trust again.
 */
export async function readProjectionFiles(folder: string): Promise<ProjectionFiles> {
  const files: { name: string; text: string }[] = [];
  const unreadable: { name: string; reason: string }[] = [];
  for (const name of await projectionFileNames(folder)) {
    try {
      files.push({ name, text: await readFile(path.join(folder, 'projections', name), 'utf8') });
    } catch (error) {
      unreadable.push({ name, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' });
    }
  }
  return hashed(files, unreadable);
}

/** The same files with one of them written anew (what a save from the app is about to make). */
export function withFile(current: ProjectionFiles, name: string, text: string): ProjectionFiles {
  return hashed(
    [...current.files.filter((file) => file.name !== name), { name, text }],
    current.unreadable.filter((file) => file.name !== name),
  );
}

function hashed(
  files: { name: string; text: string }[],
  unreadable: { name: string; reason: string }[],
): ProjectionFiles {
  const byName = (a: { name: string }, b: { name: string }): number =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  files.sort(byName);
  unreadable.sort(byName);
  const hash = createHash('sha256');
  // Lengths make the concatenation unambiguous: no two lists of files hash alike by their boundaries.
  for (const file of files) {
    hash.update(`file\0${file.name}\0${Buffer.byteLength(file.text)}\0`).update(file.text);
  }
  for (const file of unreadable) hash.update(`unreadable\0${file.name}\0${file.reason}\0`);
  return { files, unreadable, hash: hash.digest('hex') };
}

async function projectionFileNames(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(folder, 'projections'), { withFileTypes: true });
    return entries
      .filter((entry) => !entry.isDirectory() && entry.name.endsWith('.js'))
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}
