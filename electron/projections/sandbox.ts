import vm from 'node:vm';
import { foldRuntime, type FoldOps } from './fold-runtime.js';
import type { FoldMachine } from './fold-machine.js';
import { jsonStateCheck } from './json-state-check.js';
import { projectionDefinition } from './projection-definition.js';

const API_NAMES = ['fromAll', 'fromStream', 'fromStreams', 'fromCategory'] as const;

/**
 * Runs inside the context: makes the runtime from its sources and publishes the API as read-only globals.
 * Atomics and SharedArrayBuffer go, so user code cannot block the thread where the vm timeout cannot
 * interrupt it; WebAssembly goes with them. `refuseImport` is made here so that the error an `import()`
 * rejects with belongs to the context: a host error's constructor chain would lead to the host's Function.
 */
const INSTALL = `(function () {
  'use strict';
  const definitions = (${projectionDefinition.toString()})();
  const notJson = (${jsonStateCheck.toString()})();
  const runtime = (${foldRuntime.toString()})(definitions, notJson);
  for (const name of ${JSON.stringify(API_NAMES)}) {
    Object.defineProperty(globalThis, name, { value: runtime.api[name], enumerable: true });
  }
  Object.defineProperty(globalThis, '__eventfold', { value: Object.freeze(runtime.ops) });
  delete globalThis.Atomics;
  delete globalThis.SharedArrayBuffer;
  delete globalThis.WebAssembly;
  const ContextError = Error;
  return () => new ContextError('import() is not available in projections: a projection is a pure fold over events');
})`;

const RUN = new vm.Script('__eventfold.run()', { filename: 'eventfold:run' });

/** Every source the sandbox evaluates: part of every user projection's meaning (and of its code hash). */
export const SANDBOX_SOURCES: readonly string[] = [INSTALL];

/**
 * User code in a `vm` context of its own: no require, process, fs, network, timers or import(); eval and
 * `new Function` refused (code generation from strings off); promises run inside each call, so they count
 * towards its time limit. Values cross only as strings and numbers (events and states go in as JSON text and
 * are parsed by the context's own JSON), so no host object, and no host Function, is handed in.
 *
 * This is the first wall, not the only one: the code has been parsed (code-check.ts) and refused if it
 * uses import() or import.meta, and the whole sandbox runs in a process of its own that can neither
 * write files nor start processes (sandbox-child.ts).
 *
 * The user's file is compiled as a function body (vm.compileFunction), so it cannot declare globals that
 * would shadow the runtime's.
 */
export class SandboxFold implements FoldMachine {
  private readonly context: vm.Context;
  private readonly ops: FoldOps;
  readonly main: () => void;

  constructor(
    code: string,
    filename: string,
    private readonly timeoutMs: number,
  ) {
    this.context = vm.createContext(Object.create(null) as object, {
      name: filename,
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    const install = vm.runInContext(INSTALL, this.context, {
      filename: 'eventfold:runtime',
    }) as () => () => Error;
    const importError = install();
    this.ops = vm.runInContext('__eventfold', this.context) as FoldOps;
    this.main = vm.compileFunction(code, [], {
      parsingContext: this.context,
      filename,
      // Node asks this only when the process runs with --experimental-vm-modules (the sandbox's does);
      // otherwise it rejects with an error of its own, which is why code-check.ts refuses import() first.
      importModuleDynamically: (() => {
        throw importError();
      }) as never,
    }) as () => void;
  }

  readonly current = (): number => this.ops.current();

  /** What importRefusedInContext's code found. */
  probeResult(): unknown {
    return vm.runInContext('globalThis.__probe_result', this.context);
  }

  /** Tests only (SandboxArguments.plantHostRealm): makes `value` a global of the context. */
  plantForTest(value: unknown): void {
    (
      vm.runInContext('(value) => { globalThis.__hostRealm = value; }', this.context) as (
        value: unknown,
      ) => void
    )(value);
  }

  /**
   * One operation under the time limit. `breakOnSigint`: the host interrupts a handler that holds too
   * much memory with SIGINT, and the fault can then name the event.
   */
  call(...args: unknown[]): number | string {
    return this.callWithin(this.timeoutMs, ...args);
  }

  callWithin(timeoutMs: number, ...args: unknown[]): number | string {
    this.ops.prepare(...args);
    const answer: unknown = RUN.runInContext(this.context, { timeout: timeoutMs, breakOnSigint: true });
    if (typeof answer !== 'number' && typeof answer !== 'string') {
      throw new Error('the projection runtime answered with something other than text or a number');
    }
    return answer;
  }
}

/**
 * Whether `import()` in a sandbox context rejects with an error of the context (the second wall behind
 * the parser): true where Node asks the sandbox's callback, which needs --experimental-vm-modules.
 */
export async function importRefusedInContext(): Promise<boolean> {
  const fold = new SandboxFold(
    `import('node:fs').then(
      () => { globalThis.__probe_result = 'imported'; },
      (error) => { globalThis.__probe_result = error instanceof Error ? 'context' : 'host'; },
    );`,
    'eventfold:probe',
    1_000,
  );
  // 'load' runs the code, then finds no projection in it: the probe is all it does.
  fold.call('load', fold.main);
  // The rejection settles after a turn of the host's queue; the context's own queue runs at its next call.
  await new Promise((resolve) => setImmediate(resolve));
  fold.call('position', 'none');
  return fold.probeResult() === 'context';
}
