import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childFiles } from './child-files.js';
import { osWalls, UNSHARE_ARGUMENTS } from './os-walls.js';
import { onlyChildOf } from './process-memory.js';
import type { SandboxArguments } from './sandbox-protocol.js';
import type { SandboxSpawner, SpawnedSandbox, SpawnWalls } from './spawner.js';

/** The sandbox's entry point, beside this file (in dist/ and in the desktop bundle alike). */
export const SANDBOX_ENTRY = fileURLToPath(new URL('./sandbox-child.js', import.meta.url));

/**
 * Hard limits on top of the watched one: the heap and (where prlimit works) the process's data may grow
 * this much past `memoryMb` before they stop it, so that the resident-size watch usually interrupts a
 * runaway handler first and the fault names its event; the hard limits are there when it does not.
 */
export function hardLimitMb(memoryMb: number): number {
  return memoryMb + Math.max(128, Math.ceil(memoryMb / 2));
}

/**
 * Node's permission flags: `--permission` from Node 22.13, `--experimental-permission` before; one
 * --allow-fs-read a file (a comma-separated list is no longer read as several paths).
 */
export function permissionArguments(files: readonly string[], version = process.versions.node): string[] {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const flag = major > 22 || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';
  return [flag, ...files.map((file) => `--allow-fs-read=${file}`)];
}

/** The command that starts a sandbox with Node, and the walls it gets on this machine. */
export function sandboxCommand(args: SandboxArguments): {
  command: string;
  argv: string[];
  walls: SpawnWalls;
} {
  const hard = hardLimitMb(args.memoryMb);
  let command = process.execPath;
  let argv = [
    ...permissionArguments(childFiles(SANDBOX_ENTRY)),
    // Not even the sandbox's own realm can turn text into code, should a context escape reach it.
    '--disallow-code-generation-from-strings',
    // So that Node asks the sandbox's import() callback, which rejects with an error of the context.
    '--experimental-vm-modules',
    '--no-addons',
    '--no-warnings',
    `--max-old-space-size=${hard}`,
    SANDBOX_ENTRY,
    JSON.stringify(args),
  ];
  const { unshare, prlimit } = osWalls();
  if (prlimit !== undefined) {
    const bytes = hard * 1024 * 1024;
    argv = [`--data=${bytes}:${bytes}`, '--', command, ...argv];
    command = prlimit;
  }
  if (unshare !== undefined) {
    argv = [...UNSHARE_ARGUMENTS, '--', command, ...argv];
    command = unshare;
  }
  return {
    command,
    argv,
    walls: {
      network: unshare === undefined ? 'open' : 'namespace',
      processes: unshare === undefined ? 'open' : 'namespace',
      memory: prlimit === undefined ? 'watched' : 'kernel',
    },
  };
}

/**
 * Starts a sandbox as a Node child process (the CLI and browser mode): Node's permission model allows
 * reading its own code files and nothing else (no writes, no processes, no workers, no addons), and on
 * Linux it runs in namespaces of its own (no network, no other processes to see or signal) under a
 * kernel limit on its memory. Its environment is empty: nothing of the user's (tokens, NODE_OPTIONS)
 * reaches it.
 */
export const nodeSpawner: SandboxSpawner = (args) => {
  const { command, argv, walls } = sandboxCommand(args);
  const child = spawn(command, argv, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {},
    cwd: path.dirname(SANDBOX_ENTRY),
    windowsHide: true,
  });
  // A host that writes to a sandbox which just died gets EPIPE: its exit says what happened.
  child.stdin.on('error', () => undefined);
  const wrapped = command !== process.execPath && walls.processes === 'namespace';
  let pid: number | undefined;
  const sandbox: SpawnedSandbox = {
    output: child.stdout,
    errors: child.stderr,
    walls,
    send(frame) {
      for (const bytes of frame) child.stdin.write(bytes);
    },
    kill(signal) {
      if (signal === 'SIGKILL' || !wrapped) {
        child.kill(signal);
        return;
      }
      // unshare --fork waits for the sandbox: the interruption goes to the sandbox itself.
      void sandbox.processId().then((id) => {
        if (id === undefined) return;
        try {
          process.kill(id, signal);
        } catch {
          // gone already
        }
      });
    },
    async processId() {
      if (pid !== undefined || child.pid === undefined) return pid ?? child.pid;
      pid = wrapped ? await onlyChildOf(child.pid) : child.pid;
      return pid;
    },
    onExit(listener) {
      child.once('exit', listener);
    },
    unref() {
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) {
        (stream as unknown as { unref?: () => void }).unref?.();
      }
    },
    ref() {
      child.ref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) {
        (stream as unknown as { ref?: () => void }).ref?.();
      }
    },
  };
  return sandbox;
};
