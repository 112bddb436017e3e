import fs from 'node:fs/promises';
import { initEventFolder } from '../store/index.js';

/**
 * Makes the default journal an event folder on first start, so a first launch opens something the user
 * can append to. Only a missing or empty directory is initialised: anything else there is the user's,
 * and opening it reports what is wrong instead. True when it created the folder.
 */
export async function ensureDefaultJournal(folder: string): Promise<boolean> {
  const entries = await fs.readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.some((name) => !name.startsWith('.'))) return false;
  await initEventFolder(folder);
  return true;
}
