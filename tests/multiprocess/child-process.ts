import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CHILDREN = path.resolve(import.meta.dirname, '../../dist/tests/children');

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A child script from dist/tests/children, whose stdout is one JSON value a line. */
export interface JsonLineChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Every complete line so far, parsed. A line cut off by a kill (no newline yet) is not one of them. */
  readonly lines: unknown[];
  readonly stderr: () => string;
  readonly exited: Promise<ChildExit>;
  /** Resolves with the first line (already seen or still to come) that `accept` takes. */
  waitForLine: (accept: (line: unknown) => boolean) => Promise<unknown>;
  /** SIGKILLs it (if still running) and waits until it is gone. */
  kill: () => Promise<ChildExit>;
}

export function startChild(script: string, args: readonly string[]): JsonLineChild {
  const file = path.join(CHILDREN, `${script}.js`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:node\` first`);
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: unknown[] = [];
  const waiters: { accept: (line: unknown) => boolean; resolve: (line: unknown) => void }[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) {
      const line: unknown = JSON.parse(text);
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.accept(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  // 'close' rather than 'exit': by then stdout is drained, so `lines` holds everything the child wrote.
  const exited = new Promise<ChildExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  if (child.pid === undefined) throw new Error(`could not start ${file}`);
  return {
    process: child,
    pid: child.pid,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine: (accept) => {
      const seen = lines.find(accept);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ accept, resolve });
        void exited.then(() =>
          reject(
            new Error(
              `${script} exited before the line awaited; stderr: ${stderr}; lines: ${JSON.stringify(lines.slice(-3))}`,
            ),
          ),
        );
      });
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** The lines of one kind (`{"ack": …}` → the …), in order. */
export function linesOf<T>(child: JsonLineChild, kind: string): T[] {
  return child.lines.flatMap((line) =>
    typeof line === 'object' && line !== null && kind in line ? [(line as Record<string, T>)[kind] as T] : [],
  );
}

export function isLine(kind: string): (line: unknown) => boolean {
  return (line) => typeof line === 'object' && line !== null && kind in line;
}
