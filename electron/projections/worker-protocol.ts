import type { FoldFault } from './fold-machine.js';
import type { ProjectionSourceSpec } from './fold-runtime.js';

/** What a projection worker is started with. */
export interface WorkerSetup {
  readonly folder: string;
  /** projections/NAME.js (user code) or a built-in's name. */
  readonly code:
    | { readonly kind: 'user'; readonly text: string; readonly filename: string }
    | {
        readonly kind: 'builtin';
        readonly name: string;
      };
  /** Each handler gets at least this long; one still running at twice this is faulted. */
  readonly eventTimeoutMs: number;
  /** The position being handled, written by the fold: readable after the worker died. */
  readonly cell: SharedArrayBuffer;
}

/** What the projection's code declared, as the runtime describes it. */
export interface ProjectionShape {
  readonly source: ProjectionSourceSpec;
  readonly partitioned: boolean;
  readonly types: readonly string[];
  readonly any: boolean;
}

/** The two folds a worker keeps: the projection as it follows the log, and one for time travel. */
export type FoldTarget = 'live' | 'scratch';

export type WorkerRequest =
  | {
      readonly op: 'reset';
      readonly target: FoldTarget;
      readonly state: string | null;
      readonly position: number;
    }
  | {
      readonly op: 'fold';
      readonly target: FoldTarget;
      readonly to: number;
      /** Record the events that change this path of the state (history), up to `limit` of them. */
      readonly watch?: { readonly path: readonly (string | number)[]; readonly limit: number };
    }
  | { readonly op: 'state'; readonly target: FoldTarget }
  | { readonly op: 'skips'; readonly positions: readonly number[] };

export interface FoldOutcome {
  /** The last position folded. */
  readonly position: number;
  /** With `watch`: events that changed the path, their values before and after as JSON text (absent = undefined). */
  readonly changes?: readonly {
    readonly position: number;
    readonly before?: string;
    readonly after?: string;
  }[];
  /** With `watch`: the search stopped at `limit` changes. */
  readonly limited?: boolean;
}

export type WorkerAnswer =
  | { readonly kind: 'ready'; readonly shape: ProjectionShape }
  | { readonly kind: 'ready'; readonly fault: FoldFault }
  | { readonly kind: 'progress'; readonly position: number }
  | { readonly kind: 'answer'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'answer'; readonly id: number; readonly fault: FoldFault }
  | { readonly kind: 'answer'; readonly id: number; readonly error: string };
