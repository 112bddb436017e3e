import type { BuiltinProjection } from './builtins/index.js';
import type { FoldMachine } from './fold-machine.js';
import { foldRuntime, type FoldRuntime } from './fold-runtime.js';
import { jsonStateCheck } from './json-state-check.js';
import { projectionDefinition } from './projection-definition.js';

/** A built-in projection's folds: the same runtime as user code, called directly (trusted code). */
export class BuiltinFold implements FoldMachine {
  private readonly runtime: FoldRuntime;
  readonly main: () => void;

  constructor(builtin: BuiltinProjection) {
    this.runtime = foldRuntime(projectionDefinition(), jsonStateCheck());
    this.main = () => builtin.define(this.runtime.api);
  }

  readonly current = (): number => this.runtime.ops.current();

  call(...args: unknown[]): number | string {
    this.runtime.ops.prepare(...args);
    return this.runtime.ops.run();
  }

  callWithin(_timeoutMs: number, ...args: unknown[]): number | string {
    return this.call(...args);
  }
}
