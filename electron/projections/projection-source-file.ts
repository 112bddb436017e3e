import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-file.js';
import { findBuiltin } from './builtins/index.js';
import { ProjectionError } from './projection-error.js';

/** What a projection may be called: it becomes a file name on every platform, and a name in the UI. */
const PROJECTION_NAME = /^[A-Za-z0-9_-]+$/;

/** The file of a folder's projection, relative to the folder (as the user sees it). */
export function projectionFileOf(name: string): string {
  return `projections/${name}.js`;
}

/** Refuses a name that cannot be a projection file: 'InvalidArgument' says what is allowed. */
export function checkProjectionName(name: string): void {
  if (!PROJECTION_NAME.test(name)) {
    throw new ProjectionError(
      'InvalidArgument',
      `"${name}" cannot name a projection: use letters, digits, "-" and "_" only`,
    );
  }
}

/** The text of the folder's projections/NAME.js; 'UnknownProjection' when there is no such file. */
export async function readProjectionSource(folder: string, name: string): Promise<string> {
  checkProjectionName(name);
  try {
    return await fs.readFile(path.join(folder, projectionFileOf(name)), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ProjectionError('UnknownProjection', `there is no ${projectionFileOf(name)} in this folder`);
    }
    throw error;
  }
}

/**
 * Writes projections/NAME.js so that the projection host (which watches the file) and a crash alike see
 * the old code or the new, never half a file: a temp file (whose name does not end in .js, so the watcher
 * ignores it), fsync, rename, fsync of the directory.
 */
export async function writeProjectionSource(folder: string, name: string, code: string): Promise<string> {
  checkProjectionName(name);
  if (findBuiltin(name) !== undefined) {
    throw new ProjectionError(
      'InvalidArgument',
      `"${name}" is the name of a built-in projection: choose another name`,
    );
  }
  const file = path.join(folder, projectionFileOf(name));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, code);
  return file;
}
