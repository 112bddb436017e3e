import type { FoldFault } from '../fold-machine.js';
import type { ProjectionSourceSpec } from '../fold-runtime.js';

/**
 * What a sandbox process and its host say to each other, as frame headers (frames.ts). Bulk text travels
 * as the frame's body: the code to load, a state to reset a fold to, log lines, and answers (a state, a
 * fold's outcome) as JSON text. The host checks every header it receives against these shapes
 * (sandbox-answers.ts) and believes nothing else.
 */

/** The code a sandbox runs: a user's file (its text is the load frame's body) or a built-in's name. */
export type SandboxCode =
  | { readonly kind: 'user'; readonly text: string; readonly filename: string }
  | { readonly kind: 'builtin'; readonly name: string };

/** The two folds a sandbox keeps: the projection as it follows the log, and one for time travel. */
export type FoldTarget = 'live' | 'scratch';

export interface SandboxLimits {
  /** Each handler gets at least this long; one still running at twice this is faulted. */
  readonly eventTimeoutMs: number;
  /** Memory of the whole process (heap, ArrayBuffers and the rest: its resident size), in MiB. */
  readonly memoryMb: number;
  /** The largest state (as JSON) the sandbox sends back. */
  readonly maxStateBytes: number;
}

export type HostMessage =
  /** The code to run (a user file's text is the body); the limits came with the process (its arguments). */
  | {
      readonly op: 'load';
      readonly code:
        | { readonly kind: 'user'; readonly filename: string }
        | { readonly kind: 'builtin'; readonly name: string };
    }
  | { readonly op: 'request'; readonly id: number; readonly request: SandboxRequest }
  /** Log lines for a fold (the body), covering positions up to `last`; `end`: no more up to its target. */
  | {
      readonly op: 'input';
      readonly fold: number;
      readonly target: FoldTarget;
      readonly last: number;
      readonly end?: boolean;
    };

export type SandboxRequest =
  /** Sets a fold's state (the body: JSON text; none for the initial state) and position. */
  | {
      readonly op: 'reset';
      readonly target: FoldTarget;
      readonly hasState: boolean;
      readonly position: number;
    }
  | {
      readonly op: 'fold';
      readonly target: FoldTarget;
      readonly to: number;
      /** Record the events that change this path of the state (history), up to `limit` of them. */
      readonly watch?: { readonly path: readonly (string | number)[]; readonly limit: number };
      /** Holes at or before this position were reported by an earlier fold: pass them without counting. */
      readonly holesAfter?: number;
      /**
       * Say which event runs before each handler (an 'at' message): slower, for finding the event that
       * took an earlier process down where it could not say so itself.
       */
      readonly announce?: boolean;
      /**
       * Answer with the fold's state as well (a snapshot's piece of a catch-up), as a 'state' request would
       * and with its checks: the answer's body is the outcome's JSON, a newline, then the state's JSON
       * text. One round trip a piece instead of two.
       */
      readonly withState?: boolean;
    }
  | { readonly op: 'state'; readonly target: FoldTarget }
  | { readonly op: 'skips'; readonly positions: readonly number[] };

/** What the sandbox reports about its own walls when it starts (see sandbox-child.ts). */
export interface SandboxWalls {
  /** Node's permission model is on: no file writes, no reads beyond its own code, no processes or workers. */
  readonly permissionModel: boolean;
  /** eval and new Function are refused outside the projection's context too. */
  readonly codeGenerationOff: boolean;
  /** import() in the context rejects with an error of the context (not only refused by the parser). */
  readonly importRefusedInContext: boolean;
}

/** What the projection's code declared, as the runtime describes it. */
export interface ProjectionShape {
  readonly source: ProjectionSourceSpec;
  readonly partitioned: boolean;
  readonly types: readonly string[];
  readonly any: boolean;
}

export interface FoldOutcome {
  /** The last position folded (holes passed over included). */
  readonly position: number;
  /** Positions this fold passed over because the log has no event there: the first ones, and how many. */
  readonly holes: { readonly count: number; readonly positions: readonly number[] };
  /** With `watch`: events that changed the path, their values before and after as JSON text (absent = undefined). */
  readonly changes?: readonly {
    readonly position: number;
    readonly before?: string;
    readonly after?: string;
  }[];
  /** With `watch`: the search stopped at `limit` changes. */
  readonly limited?: boolean;
}

/**
 * A fault as the sandbox reports it; `fatal`: the process is not to be used again (its memory is spent);
 * `uncertain`: the event is one of a few before `position`, and folding them again announced names it.
 */
export interface SandboxFault extends FoldFault {
  readonly fatal?: boolean;
  readonly uncertain?: boolean;
}

export type SandboxMessage =
  | { readonly kind: 'hello'; readonly walls: SandboxWalls }
  | { readonly kind: 'ready'; readonly shape: ProjectionShape }
  | { readonly kind: 'ready'; readonly fault: SandboxFault }
  | { readonly kind: 'progress'; readonly target: FoldTarget; readonly position: number }
  | { readonly kind: 'more'; readonly fold: number; readonly target: FoldTarget }
  /** In announce mode: the handler of the event at `position` runs now. */
  | { readonly kind: 'at'; readonly target: FoldTarget; readonly position: number }
  /** A request done: its value is the body (JSON text, or a state's text for 'state'). */
  | { readonly kind: 'answer'; readonly id: number }
  | { readonly kind: 'answer'; readonly id: number; readonly fault: SandboxFault }
  | { readonly kind: 'answer'; readonly id: number; readonly error: string };

/**
 * Serialising a state (up to the largest allowed) may take longer than a handler may: a 'state' request
 * gets this much besides the handlers' limit, and the host's watchdog waits for it.
 */
export const STATE_SERIALISATION_MS = 20_000;

/** The largest frame header either side sends or accepts. */
export const MAX_HEADER_BYTES = 64 * 1024;

/**
 * The largest body either side accepts: a state (at most `maxStateBytes`) with room for the rest of an
 * answer; log lines (chunks of about 2 MiB) and code (at most 4 MiB) fit below it.
 */
export function maxBodyBytes(limits: SandboxLimits): number {
  return limits.maxStateBytes + 8 * 1024 * 1024;
}

/** How a sandbox process is told its limits: its one argument after the entry point. */
export interface SandboxArguments extends SandboxLimits {
  /**
   * Tests only: put an object of the process's own realm (and its `process`) into the context as
   * `__hostRealm`, as if an escape had been found. Set only through SandboxProcess's test option, which
   * neither a folder nor the contract can reach.
   */
  readonly plantHostRealm?: boolean;
}
