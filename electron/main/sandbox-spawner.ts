import { utilityProcess } from 'electron';
import {
  hardLimitMb,
  SANDBOX_ENTRY,
  type SandboxSpawner,
  type SpawnedSandbox,
} from '../projections/index.js';

/**
 * What the desktop app's sandbox processes get, per Electron 45's utilityProcess.fork: a separate OS
 * process (never the main process) started through Chromium's service launcher, since the RunAsNode fuse
 * is off and the Electron binary cannot be started as Node. Its stdin cannot be a pipe (only 'ignore'), so
 * the host's frames go in as messages on the process's parentPort, and its frames come back on its stdout
 * pipe, where the host cuts and bounds them as for a Node child. Node's permission flags are not honoured by
 * a utility process, and there is no unshare or prlimit wrapper: the desktop sandbox has the vm context,
 * the parser, V8 flags (no code generation from strings, a heap limit), the resident-size watch and the
 * time limits, but it could read and write files and connect if its context were escaped (the README says so).
 */
export const utilitySpawner: SandboxSpawner = (args) => {
  const child = utilityProcess.fork(SANDBOX_ENTRY, [JSON.stringify(args)], {
    stdio: 'pipe',
    serviceName: 'Eventfold projection sandbox',
    // Nothing of the user's environment (tokens, NODE_OPTIONS) reaches projection code.
    env: process.platform === 'win32' ? { SystemRoot: process.env.SystemRoot ?? 'C:\\Windows' } : {},
    execArgv: [
      '--disallow-code-generation-from-strings',
      '--experimental-vm-modules',
      '--no-warnings',
      `--max-old-space-size=${hardLimitMb(args.memoryMb)}`,
    ],
  });
  const spawned = new Promise<number | undefined>((resolve) => {
    if (child.pid !== undefined) resolve(child.pid);
    child.once('spawn', () => resolve(child.pid));
    child.once('exit', () => resolve(undefined));
  });
  const signal = (name: 'SIGINT' | 'SIGKILL'): void => {
    const { pid } = child;
    if (pid === undefined || process.platform === 'win32') {
      if (name === 'SIGKILL') child.kill();
      return;
    }
    try {
      process.kill(pid, name);
    } catch {
      // gone already
    }
  };
  if (child.stdout === null) throw new Error('the sandbox process was started without a stdout pipe');
  const sandbox: SpawnedSandbox = {
    output: child.stdout,
    errors: child.stderr,
    walls: { network: 'open', processes: 'open', memory: 'watched' },
    send(frame) {
      child.postMessage(Buffer.concat(frame));
    },
    kill: signal,
    processId: () => spawned,
    onExit(listener) {
      child.once('exit', (code) => listener(code, null));
    },
    // A utility process does not keep the app alive on its own: nothing to let go of.
    unref: () => undefined,
    ref: () => undefined,
  };
  return sandbox;
};
