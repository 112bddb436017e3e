import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * How many projection files (`projections/*.js`) an event folder holds: what trusting it would let run
 * (links to files count, as the projection host follows them). A folder without projections/ has none.
 */
export async function countProjectionFiles(folder: string): Promise<number> {
  try {
    const entries = await readdir(path.join(folder, 'projections'), { withFileTypes: true });
    return entries.filter((entry) => !entry.isDirectory() && entry.name.endsWith('.js')).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return 0;
    throw error;
  }
}
