import fs from 'node:fs';
import { StoreError } from '../../shared/store-error.js';

/**
 * ENOSPC as a user can act on it: what the write needed, and how much the volume has. Other errors are
 * returned as they are. `what` says what was being written ("writing 230 bytes of events to log/…").
 */
export function diskFullError(error: unknown, dir: string, what: string, needed?: number): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOSPC') return error;
  const free = freeBytes(dir);
  return new StoreError(
    'DiskFull',
    `The disk is full: ${what} ${needed === undefined ? 'found no room' : `needs ${bytes(needed)}`}, and ` +
      `the volume holding ${dir} has ${free === undefined ? 'too little' : bytes(free)} free. Free some ` +
      'space there and try again; nothing was written',
    { dir, ...(needed === undefined ? {} : { needed }), ...(free === undefined ? {} : { free }) },
  );
}

/** Bytes free to this user on the volume holding `dir`; undefined where that cannot be asked. */
export function freeBytes(dir: string): number | undefined {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} byte${count === 1 ? '' : 's'}`;
}
