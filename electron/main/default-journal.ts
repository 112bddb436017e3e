import fs from 'node:fs/promises';
import { initJournalFolder } from '../journal/index.js';

/**
 * Makes the default journal on first start: an event folder with a first channel, so a first launch opens
 * the chat view, ready for a first message. Only a missing or empty directory is initialised: anything else there is the user's,
 * and opening it reports what is wrong instead. True when it created the folder.
 */
export async function ensureDefaultJournal(folder: string): Promise<boolean> {
  const entries = await fs.readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.some((name) => !name.startsWith('.'))) return false;
  await initJournalFolder(folder);
  return true;
}
