import vm from 'node:vm';
import { foldRuntime } from './fold-runtime.js';
import type { FoldMachine } from './fold-machine.js';

const API_NAMES = ['fromAll', 'fromStream', 'fromStreams', 'fromCategory'] as const;

/**
 * Runs inside the context: makes the runtime from its source and publishes the API as read-only globals.
 * Atomics and SharedArrayBuffer go, so user code cannot block the thread where the vm timeout cannot
 * interrupt it (the worker's watchdog would still end it, but as a crash rather than a timeout).
 */
const INSTALL = `(function (cell) {
  'use strict';
  const runtime = (${foldRuntime.toString()})(cell);
  for (const name of ${JSON.stringify(API_NAMES)}) {
    Object.defineProperty(globalThis, name, { value: runtime.api[name], enumerable: true });
  }
  Object.defineProperty(globalThis, '__eventfold', { value: Object.freeze(runtime.ops) });
  delete globalThis.Atomics;
  delete globalThis.SharedArrayBuffer;
  delete globalThis.WebAssembly;
})`;

const RUN = new vm.Script('__eventfold.run()', { filename: 'eventfold:run' });

function refuseImport(): never {
  throw new Error('import() is not available in projections: a projection is a pure fold over events');
}

/**
 * User code in a `vm` context of its own: no require, process, fs, network, timers or import(); eval and
 * `new Function` refused (code generation from strings off); promises run inside each call, so they count
 * towards its time limit. Values cross only as strings and numbers (events and states go in as JSON text and
 * are parsed by the context's own JSON), so no host object, and no host Function, is ever reachable.
 *
 * The user's file is compiled as a function body (vm.compileFunction), so it cannot declare globals that
 * would shadow the runtime's.
 */
export class SandboxFold implements FoldMachine {
  private readonly context: vm.Context;
  private readonly cell: Float64Array;
  private readonly ops: { prepare(...args: unknown[]): void };
  readonly main: () => void;

  constructor(
    code: string,
    filename: string,
    cell: SharedArrayBuffer,
    private readonly timeoutMs: number,
  ) {
    this.cell = new Float64Array(cell);
    this.context = vm.createContext(Object.create(null) as object, {
      name: filename,
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    const install = vm.runInContext(INSTALL, this.context, { filename: 'eventfold:runtime' }) as (
      cell: SharedArrayBuffer,
    ) => void;
    install(cell);
    this.ops = vm.runInContext('__eventfold', this.context) as { prepare(...args: unknown[]): void };
    this.main = vm.compileFunction(code, [], {
      parsingContext: this.context,
      filename,
      importModuleDynamically: refuseImport as never,
    }) as () => void;
  }

  readonly current = (): number => this.cell[0] ?? 0;

  call(...args: unknown[]): number | string {
    this.ops.prepare(...args);
    const answer: unknown = RUN.runInContext(this.context, { timeout: this.timeoutMs });
    if (typeof answer !== 'number' && typeof answer !== 'string') {
      throw new Error('the projection runtime answered with something other than text or a number');
    }
    return answer;
  }
}
