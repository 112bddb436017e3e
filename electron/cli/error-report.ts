import { StoreError } from '../../shared/store-error.js';
import { CliFailure, EXIT_ERROR, EXIT_WRONG_EXPECTED_REVISION } from './failure.js';

/** The exit code a failure stands for: scripts branch on 3 to retry an append after re-reading. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliFailure) return error.exitCode;
  if (error instanceof StoreError && error.code === 'WrongExpectedRevision')
    return EXIT_WRONG_EXPECTED_REVISION;
  return EXIT_ERROR;
}

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'is not a folder (a part of the path is a file)',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'the disk is full',
  EEXIST: 'already exists',
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'the address is not available on this machine',
};

/** What went wrong, in one line a person can act on. */
export function messageOf(error: unknown): string {
  if (error instanceof CliFailure || error instanceof StoreError) return error.message;
  const system = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const known = typeof system.code === 'string' ? SYSTEM_ERRORS[system.code] : undefined;
  if (known !== undefined) {
    const where =
      system.path ?? (system.address === undefined ? undefined : `${system.address}:${String(system.port)}`);
    return where === undefined ? `${known} (${system.code})` : `${where}: ${known}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Errors that are not the user's input or the folder's state: worth a bug report, so they say so. */
export function isUnexpected(error: unknown): boolean {
  if (error instanceof CliFailure || error instanceof StoreError) return false;
  return typeof (error as NodeJS.ErrnoException).code !== 'string';
}
