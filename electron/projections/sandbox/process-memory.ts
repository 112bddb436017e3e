import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';

/**
 * The resident size of a process in bytes, as the operating system counts it (heap, ArrayBuffers, code and
 * everything else): Linux's /proc, `ps` on macOS and the BSDs. Undefined where neither answers (Windows,
 * or a process that is gone): the sandbox's own reports are then the only watch.
 */
export async function residentBytes(pid: number): Promise<number | undefined> {
  if (process.platform === 'linux') {
    try {
      const status = await fs.readFile(`/proc/${pid}/status`, 'latin1');
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
      return match === null ? undefined : Number(match[1]) * 1024;
    } catch {
      return undefined;
    }
  }
  if (process.platform === 'win32') return undefined;
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], { timeout: 2_000 }, (error, stdout) => {
      const kilobytes = Number(stdout.trim());
      resolve(error === null && Number.isFinite(kilobytes) && kilobytes > 0 ? kilobytes * 1024 : undefined);
    });
  });
}

/**
 * The process a wrapper started (unshare --fork keeps running as the parent of the sandbox): its only
 * child, from /proc. Undefined until it has one.
 */
export async function onlyChildOf(pid: number): Promise<number | undefined> {
  try {
    const children = (await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'latin1')).trim().split(/\s+/);
    return children.length === 1 && children[0] !== '' ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}
