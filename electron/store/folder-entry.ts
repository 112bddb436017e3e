import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from '../../shared/store-error.js';

/**
 * What is at a path inside a folder, looked at without following a symbolic link. A folder may come from
 * anyone, so a name the format reserves for a file may hold a directory, a FIFO (opening it blocks), a
 * device, or a link that leads out of the folder (writing through it writes someone else's file). The
 * store looks before it opens: it reads through a link only to a regular file, and never writes through
 * one (docs/FORMAT.md, "Links and other odd entries").
 */
export type EntryKind = 'file' | 'directory' | 'link' | 'other' | 'missing';

export interface FolderEntry {
  readonly kind: EntryKind;
  /** For a link: where it points (as written) and what is there. */
  readonly target?: string;
  readonly leadsTo?: Exclude<EntryKind, 'link'>;
}

export function inspectEntry(file: string): FolderEntry {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
  if (!stat.isSymbolicLink()) return { kind: kindOf(stat) };
  let target = '?';
  try {
    target = fs.readlinkSync(file);
  } catch {
    // Unreadable link text: it is still a link, and it is still refused.
  }
  let leadsTo: Exclude<EntryKind, 'link'> = 'missing';
  try {
    leadsTo = kindOf(fs.statSync(file));
  } catch (error) {
    if (!isMissing(error) && (error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
  }
  return { kind: 'link', target, leadsTo };
}

function kindOf(stat: fs.Stats): Exclude<EntryKind, 'link' | 'missing'> {
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'directory';
  return 'other';
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Whether a file may be read at `file`: a regular file, or a link to one. */
export function readableFile(entry: FolderEntry): boolean {
  return entry.kind === 'file' || (entry.kind === 'link' && entry.leadsTo === 'file');
}

/** "a directory", "a symbolic link (to /etc)": what is there, for a message that says what is wrong. */
export function describeEntry(entry: FolderEntry): string {
  switch (entry.kind) {
    case 'file':
      return 'a file';
    case 'directory':
      return 'a directory';
    case 'other':
      return 'a special file (a FIFO, socket or device)';
    case 'missing':
      return 'missing';
    case 'link':
      return `a symbolic link (to ${entry.target ?? '?'}${entry.leadsTo === 'missing' ? ', which does not exist' : ''})`;
  }
}

/**
 * Throws unless `relative` (inside `root`) is a regular file or absent, so that writing there stays inside
 * the folder and writes a file. `what` names the file for the message ("the write lock").
 */
export function assertWritableFile(root: string, relative: string, what: string): void {
  const entry = inspectEntry(path.join(root, relative));
  if (entry.kind === 'file' || entry.kind === 'missing') return;
  throw unsafeEntry(root, relative, entry, `${what} (a file)`);
}

/**
 * Makes sure `relative` (inside `root`) is a real directory, creating it if it is missing; throws when
 * something else is there (a link would make every write in it land outside the folder).
 */
export function ensureDirectory(root: string, relative: string, what: string): void {
  const entry = inspectEntry(path.join(root, relative));
  if (entry.kind === 'directory') return;
  if (entry.kind === 'missing') {
    try {
      fs.mkdirSync(path.join(root, relative));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Made by someone else at the same moment: look again.
      return ensureDirectory(root, relative, what);
    }
  }
  throw unsafeEntry(root, relative, entry, `${what} (a directory)`);
}

/** The error for an entry that is not what the format says belongs there. */
export function unsafeEntry(root: string, relative: string, entry: FolderEntry, belongs: string): StoreError {
  const shown = relative.split(path.sep).join('/');
  return new StoreError(
    'UnsafePath',
    `${path.join(root, relative)} is ${describeEntry(entry)} where ${belongs} belongs; Eventfold never ` +
      `writes through a link or over anything but its own files, so it leaves ${shown} alone: remove or ` +
      'replace it',
    { path: path.join(root, relative), entry: entry.kind },
  );
}
