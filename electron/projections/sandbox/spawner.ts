import type { SandboxArguments } from './sandbox-protocol.js';

/**
 * The walls a spawner put around a sandbox process, beyond the ones the process reports itself
 * (SandboxWalls): what the README's sandbox paragraph describes, per platform.
 */
export interface SpawnWalls {
  /** 'namespace': the process has a network namespace of its own with no interface up (Linux, unshare). */
  readonly network: 'namespace' | 'open';
  /** 'namespace': a PID namespace of its own, so it cannot signal the host or any other process. */
  readonly processes: 'namespace' | 'open';
  /** 'kernel': a kernel limit on its data (heap, ArrayBuffers, malloc) besides the resident-size watch. */
  readonly memory: 'kernel' | 'watched';
}

/** A sandbox process as its host sees it, whatever started it. */
export interface SpawnedSandbox {
  /** Its frames (sandbox-protocol.ts), as bytes the host cuts and bounds itself. */
  readonly output: NodeJS.ReadableStream;
  /** What it prints on a crash (V8's out-of-memory report), read bounded. */
  readonly errors: NodeJS.ReadableStream | null;
  readonly walls: SpawnWalls;
  /** Sends one frame (the pieces of encodeFrame). */
  send(frame: readonly Buffer[]): void;
  /**
   * SIGINT interrupts a handler (the vm's breakOnSigint) so that a fault for too much memory can name the
   * event; SIGKILL ends the process.
   */
  kill(signal: 'SIGINT' | 'SIGKILL'): void;
  /** The operating system's id of the process running the sandbox, once it runs (for the memory watch). */
  processId(): Promise<number | undefined>;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Lets the host process exit while this one runs (a spare nobody uses yet). */
  unref(): void;
  ref(): void;
}

/** Starts a sandbox process: Node's child process in the CLI and browser mode, a utility process in the desktop app. */
export type SandboxSpawner = (args: SandboxArguments) => SpawnedSandbox;
