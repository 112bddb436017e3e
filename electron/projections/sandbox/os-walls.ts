import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What this machine lets a sandbox process be wrapped in, found once per host process. */
export interface OsWalls {
  /** `unshare` that can make user, network and PID namespaces without privileges (Linux). */
  readonly unshare: string | undefined;
  /** `prlimit`, to give the process a kernel limit on its data. */
  readonly prlimit: string | undefined;
}

/** The namespaces a sandbox gets: its own user (to be allowed the others), network and PID namespaces. */
export const UNSHARE_ARGUMENTS = ['--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child'];

let found: OsWalls | undefined;

/**
 * Probes once: where unprivileged user namespaces are off (some distributions, containers without them)
 * unshare fails, and the sandbox runs without a network namespace, which the README says.
 */
export function osWalls(): OsWalls {
  found ??= probe();
  return found;
}

function probe(): OsWalls {
  if (process.platform !== 'linux') return { unshare: undefined, prlimit: undefined };
  const unshare = onPath('unshare');
  const prlimit = onPath('prlimit');
  return {
    unshare:
      unshare !== undefined && works(unshare, [...UNSHARE_ARGUMENTS, '--', 'true']) ? unshare : undefined,
    prlimit:
      prlimit !== undefined && works(prlimit, ['--data=1073741824', '--', 'true']) ? prlimit : undefined,
  };
}

function works(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 5_000, env: {} });
  return result.status === 0;
}

/** The program's absolute path on PATH (or the usual places), so that a later PATH change cannot swap it. */
function onPath(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (dir === '' || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
