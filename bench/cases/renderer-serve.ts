import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package's folder: this file runs as dist/bench/cases/renderer-serve.js. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RENDERER_INDEX = `${PACKAGE_ROOT}out/renderer/index.html`;
const STARTUP_MS = 120_000;

export interface ServingFolder {
  readonly url: string;
  /** Resident memory of the serving process now, in bytes (Linux; null elsewhere). */
  rssBytes(): number | null;
  close(): Promise<void>;
}

/** The browser app must be built: without it there is nothing to measure, and the row says how to fix that. */
export function checkRendererBuilt(): void {
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(`the browser app is not built (no ${RENDERER_INDEX}): run \`npm run build\` first`);
  }
}

/**
 * `eventfold serve DIR --no-open` in a process of its own, as a user runs it, so that the page talks to a
 * server that is not sharing this process with the benchmark.
 */
export function serveFolder(dir: string): Promise<ServingFolder> {
  const child = spawn(process.execPath, [`${PACKAGE_ROOT}bin/eventfold.js`, 'serve', dir, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its recent-folders list beside the bench's folders, not in the user's own settings.
    env: { ...process.env, EVENTFOLD_USER_DATA: path.join(path.dirname(dir), 'bench-user-data') },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no address within ${STARTUP_MS / 1000} s`), STARTUP_MS);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`eventfold serve ${why}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    };
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /^Eventfold serving .* at (http:\/\/\S+)$/m.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ url, rssBytes: () => rssOf(child), close: () => stop(child) });
    });
    child.on('error', (error) => fail(error.message));
    child.on('exit', (code, signal) => fail(`exited with ${signal ?? code}`));
  });
}

function rssOf(child: ChildProcess): number | null {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    // Not Linux, or the process is gone: the note leaves the figure out.
    return null;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
