import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

/** The installed entry point, as `npx eventfold` runs it: bin/eventfold.js importing the built dist/. */
export const BIN = path.resolve(import.meta.dirname, '../../bin/eventfold.js');
const BUILT = path.resolve(import.meta.dirname, '../../dist/electron/cli/main.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Written to stdin, which is then closed (stdin is always closed, so nothing waits for a terminal). */
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
}

function start(args: readonly string[], env: Readonly<Record<string, string>> = {}, bin = BIN): ChildProcess {
  if (!fs.existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build:node\` first`);
  return spawn(process.execPath, [bin, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, EVENTFOLD_DEBUG: '', ...env },
  });
}

/** Runs `eventfold ARGS` to completion. */
export function eventfold(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const child = start(args, options.env);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin?.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs it and fails the test with its stderr unless it exits 0; resolves to stdout. */
export async function eventfoldOk(args: readonly string[], options?: RunOptions): Promise<string> {
  const result = await eventfold(args, options);
  if (result.code !== 0) {
    throw new Error(`eventfold ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
  }
  return result.stdout;
}

/** A long-running `eventfold` (read --follow, serve) whose stdout lines can be awaited. */
export interface RunningEventfold {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly stderr: () => string;
  /** Resolves with the first stdout line, seen or still to come, that `accept` takes. */
  waitForLine(accept: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startEventfold(
  args: readonly string[],
  env?: Readonly<Record<string, string>>,
  /** Another copy of bin/eventfold.js (an installed package, a checkout) to run instead of this one. */
  bin?: string,
): RunningEventfold {
  const child = start(args, env, bin);
  running.add(child);
  const lines: string[] = [];
  const waiters = new Set<{ accept: (line: string) => boolean; resolve: (line: string) => void }>();
  let partial = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.accept(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(accept, timeoutMs = 20_000) {
      const seen = lines.find(accept);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { accept, resolve };
        waiters.add(waiter);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `no matching line within ${timeoutMs} ms; stdout: ${lines.join('\n')}; stderr: ${stderr}`,
            ),
          );
        }, timeoutMs);
        void exited.then(() => {
          clearTimeout(timer);
          if (!waiters.delete(waiter)) return;
          reject(new Error(`eventfold exited before printing the line; stderr: ${stderr}`));
        });
      }).then((line) => line as string);
    },
  };
}

const running = new Set<ChildProcess>();
const made = { test: [] as string[], suite: [] as string[] };
const remove = (dirs: string[]): void => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
};

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  remove(made.test);
});
afterAll(() => remove(made.suite));

/** A fresh temp directory, removed after the test (or, made in beforeAll, after the file's tests). */
export function tempDir(scope: 'test' | 'suite' = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventfold-cli-'));
  made[scope].push(dir);
  return dir;
}

/** A new event folder in a fresh temp directory. */
export async function newFolder(scope: 'test' | 'suite' = 'test'): Promise<string> {
  const dir = path.join(tempDir(scope), 'events');
  await eventfoldOk(['init', dir]);
  return dir;
}

/** Appends events given as objects of the --stdin line shape. */
export async function appendLines(dir: string, events: readonly Record<string, unknown>[]): Promise<string> {
  return eventfoldOk(['append', dir, '--stdin'], {
    input: events.map((event) => JSON.stringify(event)).join('\n'),
  });
}

/** Parses JSON lines output. */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}
