import type { BuiltinProjection } from './builtins/index.js';
import type { FoldMachine } from './fold-machine.js';
import { foldRuntime, type FoldRuntime } from './fold-runtime.js';

/** A built-in projection's folds: the same runtime as user code, called directly (trusted, no limits). */
export class BuiltinFold implements FoldMachine {
  private readonly runtime: FoldRuntime;
  private readonly cell: Float64Array;
  readonly main: () => void;

  constructor(builtin: BuiltinProjection, cell: SharedArrayBuffer) {
    this.runtime = foldRuntime(cell);
    this.cell = new Float64Array(cell);
    this.main = () => builtin.define(this.runtime.api);
  }

  readonly current = (): number => this.cell[0] ?? 0;

  call(...args: unknown[]): number | string {
    this.runtime.ops.prepare(...args);
    return this.runtime.ops.run();
  }
}
