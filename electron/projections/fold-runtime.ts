import type {
  Definition,
  Handler,
  ProjectionApi,
  ProjectionDefinitions,
  ProjectionEvent,
} from './projection-definition.js';

export type {
  ProjectionApi,
  ProjectionBuilder,
  ProjectionEvent,
  ProjectionSourceSpec,
} from './projection-definition.js';

/**
 * The fold loop, as ONE self-contained function: the sandbox evaluates its source (`foldRuntime.toString()`)
 * inside a `vm` context, so that every object it makes (events, states, partitions) belongs to the context
 * and no constructor chain reaches the host; built-in projections call the same function directly. It must
 * therefore reference nothing outside its own body: what it needs comes in as arguments (the projection
 * API of projection-definition.ts and the state check of json-state-check.ts, made in the same context).
 *
 * Semantics (in the spirit of EventStoreDB's JS projections):
 * - `fromAll()`, `fromStream(s)`, `fromStreams(a, b, …)` or `fromStreams([a, b])`, `fromCategory(c)` choose
 *   the events (category = the stream's part before the first '-'); a projection calls exactly one of them.
 * - `.when({ $init, $any, SomeType })`: `$init()` returns the initial state ({} when absent or when it
 *   returns undefined); an event with a handler for its type goes to that handler, any other event to
 *   `$any` when there is one, else it is ignored. Other `$` keys are refused.
 * - A handler receives `(state, event)`, the event in the CLI's --json shape
 *   `{position, stream, revision, id, type, time, data, meta}`, and returns the new state; returning
 *   undefined keeps the state (so a handler may mutate it in place). null is a state like any other.
 * - `.partitionBy(event => key)` (or `.foreachStream()`, keyed by stream) keeps one state a partition: the
 *   projection's state is an object keyed by partition, `$init` gives each new partition its initial state,
 *   and an event whose key is undefined or null is left out. Keys are strings (String(key)).
 * - `.outputState()` is accepted for compatibility: every projection's state is readable.
 * - The state is kept as JSON between batches (checkpoints, snapshots, time travel), so it must be plain
 *   JSON: a function, a BigInt, a Map or a cycle in it faults the projection, naming the path; undefined
 *   inside it is left out, as JSON leaves it out.
 * - Positions the log has no sound event for (damaged lines, which `read` skips too) are holes: the fold
 *   passes over them and records them.
 */
export function foldRuntime(
  definitions: ProjectionDefinitions,
  notJson: (state: unknown) => string | undefined,
): FoldRuntime {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const now = Date.now;
  const hasOwn = Object.hasOwn;
  const keys = Object.keys;
  const create = Object.create as (proto: null) => Record<string, unknown>;
  const NumberSet = Set;
  /** A fold records the first holes it passes by position, and counts the rest. */
  const HOLES_LISTED = 100;

  interface Fold {
    state: unknown;
    position: number;
    /** The fold's input while another fold is fed: it continues there on 'extend'. */
    input: string;
    cursor: number;
    /** The last position the input covers (holes at its end included). */
    last: number;
    holes: number[];
    holeCount: number;
  }

  let matches: (stream: string) => boolean = () => true;
  const folds: Record<string, Fold> = create(null) as unknown as Record<string, Fold>;
  let skipped = new NumberSet<number>();

  let current = 0;
  let input = '';
  let cursor = 0;
  let last = 0;
  let upTo = 0;
  let target: Fold | undefined;
  let path: unknown[] | undefined;
  let limit = 0;
  let changes: { position: number; before: string | undefined; after: string | undefined }[] = [];
  let fault = '';
  /** Holes at or before this position were recorded by an earlier fold over them: only passed over. */
  let holeFloor = 0;
  /** Announce mode: step returns before each handler, naming its event (the last one announced). */
  let announce = false;
  let announced = 0;

  function describe(): string {
    const made = definitions.defined();
    const { source } = made;
    if (source.kind === 'streams') {
      const set = new NumberSet(source.streams);
      matches = (stream) => set.has(stream);
    } else if (source.kind === 'category') {
      const category = source.category;
      matches = (stream) => {
        const dash = stream.indexOf('-');
        return (dash === -1 ? stream : stream.slice(0, dash)) === category;
      };
    }
    return stringify({
      source,
      partitioned: made.partitionBy !== undefined,
      types: keys(made.types),
      any: made.any !== undefined,
    });
  }

  function initialState(made: Definition): unknown {
    if (made.init === undefined) return {};
    const state = made.init();
    return state === undefined ? {} : state;
  }

  function reset(name: string, stateText: string | null, position: number): void {
    const made = definitions.defined();
    let state: unknown;
    if (made.partitionBy === undefined) state = stateText === null ? initialState(made) : parse(stateText);
    else {
      // Partitions live in a prototype-less object, so that a key like "__proto__" is just a key.
      const partitions = create(null);
      const parsed = stateText === null ? null : (parse(stateText) as Record<string, unknown> | null);
      if (parsed !== null && typeof parsed === 'object')
        for (const key of keys(parsed)) partitions[key] = parsed[key];
      state = partitions;
    }
    if (target === folds[name]) target = undefined;
    folds[name] = { state, position, input: '', cursor: 0, last: position, holes: [], holeCount: 0 };
  }

  function handlerFor(made: Definition, type: string): Handler | undefined {
    return hasOwn(made.types, type) ? made.types[type] : made.any;
  }

  function apply(made: Definition, fold: Fold, event: ProjectionEvent, handler: Handler): void {
    const by = made.partitionBy;
    if (by === undefined) {
      const next = handler(fold.state, event);
      if (next !== undefined) fold.state = next;
      return;
    }
    const key = by(event);
    if (key === undefined || key === null) return;
    // Keys are strings, as JSON object keys are; the partition key is the user's to choose.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const partition = String(key);
    const partitions = fold.state as Record<string, unknown>;
    const before = hasOwn(partitions, partition) ? partitions[partition] : initialState(made);
    const next = handler(before, event);
    partitions[partition] = next === undefined ? before : next;
  }

  function valueAt(state: unknown, at: unknown[]): unknown {
    let value = state;
    for (const key of at) {
      if (typeof value !== 'object' || value === null) return undefined;
      const holder = value as Record<string, unknown>;
      value = hasOwn(holder, key as string) ? holder[key as string] : undefined;
    }
    return value;
  }

  /** Passes over positions the log has no event for, up to `to`, recording them. */
  function passHoles(fold: Fold, to: number): void {
    for (let position = Math.max(fold.position, holeFloor) + 1; position <= to; position++) {
      if (fold.holes.length < HOLES_LISTED) fold.holes.push(position);
      fold.holeCount++;
    }
    if (to > fold.position) fold.position = to;
  }

  /** Codes the host reads: see FoldStep in fold-machine.ts. */
  function step(budgetMs: number): number {
    const made = definitions.defined();
    const fold = target;
    if (fold === undefined) throw new Error('step before feed');
    if (fold.position >= upTo) return 1;
    const started = now();
    while (cursor < input.length) {
      let end = input.indexOf('\n', cursor);
      if (end === -1) end = input.length;
      const line = input.slice(cursor, end);
      let record: Record<string, unknown> | undefined;
      try {
        record = parse(line) as Record<string, unknown>;
      } catch {
        record = undefined;
      }
      const position = typeof record?.position === 'number' ? record.position : fold.position + 1;
      if (position <= fold.position) {
        cursor = end + 1;
        continue;
      }
      // Positions the log skips have no event (the store's checked read left out their damaged lines).
      // Checked here first: almost every event follows the last one, and this runs for each.
      if (position > fold.position + 1) passHoles(fold, Math.min(position - 1, upTo));
      if (position > upTo) return 1;
      const stream = record?.stream as string;
      const type = record?.type as string;
      const handler =
        record === undefined || skipped.has(position) || !matches(stream)
          ? undefined
          : handlerFor(made, type);
      if (handler !== undefined && announce && announced !== position) {
        // The host hears which event runs next before it runs: should it take the process down, the
        // host still knows which one did.
        announced = position;
        current = position;
        return 5;
      }
      cursor = end + 1;
      if (record === undefined) {
        passHoles(fold, position);
      } else {
        current = position;
        if (handler !== undefined) {
          const event: ProjectionEvent = {
            position,
            stream,
            revision: record.revision as number,
            id: record.id as string,
            type,
            time: record.time as string,
            data: record.data,
            meta: record.meta,
          };
          const watched = path;
          const before = watched === undefined ? undefined : stringify(valueAt(fold.state, watched));
          try {
            apply(made, fold, event, handler);
          } catch (error) {
            fault = stringify({ position, message: describeError(error) });
            return 3;
          }
          if (watched !== undefined) {
            const after = stringify(valueAt(fold.state, watched));
            if (after !== before) changes.push({ position, before, after });
          }
        }
        fold.position = position;
      }
      if (fold.position >= upTo) return 1;
      if (path !== undefined && changes.length >= limit) return 4;
      if (now() - started >= budgetMs) return 2;
    }
    // The input is used up: positions after its last line up to what it covers are holes.
    passHoles(fold, Math.min(last, upTo));
    return fold.position >= upTo ? 1 : 0;
  }

  function describeError(error: unknown): string {
    if (error instanceof Error) {
      const where = /\((projections\/[^)]*)\)|at (projections\/\S*)/.exec(String(error.stack));
      const location = where === null ? '' : ` (${where[1] ?? where[2]})`;
      return `${error.name}: ${error.message}${location}`;
    }
    return `threw ${typeof error === 'string' ? error : (stringify(error) ?? String(error))}`;
  }

  function stateText(name: string): string {
    const fold = folds[name];
    if (fold === undefined) return 'null';
    const problem = notJson(fold.state);
    if (problem !== undefined) throw new TypeError(`the state cannot be kept as JSON: ${problem}`);
    try {
      return stringify(fold.state) ?? 'null';
    } catch (error) {
      if (error instanceof RangeError) {
        throw new TypeError('the state cannot be kept as JSON: it is nested too deeply (or too large)', {
          cause: error,
        });
      }
      throw error;
    }
  }

  function park(): void {
    if (target === undefined) return;
    target.input = input;
    target.cursor = cursor;
    target.last = last;
  }

  function resume(fold: Fold | undefined): void {
    park();
    target = fold;
    input = fold?.input ?? '';
    cursor = fold?.cursor ?? 0;
    last = fold?.last ?? 0;
  }

  let pending: unknown[] = [];
  function perform(): number | string {
    const [op, a, b, c, d, e, f, g] = pending;
    pending = [];
    switch (op) {
      case 'load':
        (a as () => void)();
        return describe();
      case 'reset':
        reset(a as string, b as string | null, c as number);
        return 0;
      case 'begin':
        // A fold starts: (name, up to, path to watch or null, its limit, holes already recorded up to,
        // announce, step budget); on with what is left of the fold's last input, then its first step.
        path = c === null ? undefined : (parse(c as string) as unknown[]);
        limit = typeof d === 'number' ? d : Infinity;
        holeFloor = typeof e === 'number' ? e : 0;
        announce = f === true;
        changes = [];
        resume(folds[a as string]);
        upTo = b as number;
        return step(g as number);
      case 'feed': {
        // New input for a fold, then a step over it: (name, lines, up to, last position the lines cover,
        // step budget). One call instead of two: each call starts the vm's timeout thread.
        const fold = folds[a as string];
        resume(fold);
        input = b as string;
        cursor = 0;
        upTo = c as number;
        last = d as number;
        return step(e as number);
      }
      case 'step':
        return step(a as number);
      case 'position':
        return folds[a as string]?.position ?? 0;
      case 'outcome': {
        // Where a fold ended, the holes it passed since it was last asked, and the watched changes.
        const fold = folds[a as string];
        const outcome = {
          position: fold?.position ?? 0,
          holes: { count: fold?.holeCount ?? 0, positions: fold?.holes ?? [] },
          changes: b === true ? changes : undefined,
        };
        if (fold !== undefined) {
          fold.holes = [];
          fold.holeCount = 0;
        }
        return stringify(outcome);
      }
      case 'state':
        return stateText(a as string);
      case 'fault':
        return fault;
      case 'skips':
        skipped = new NumberSet(parse(a as string) as number[]);
        return 0;
      default:
        throw new Error(`unknown operation ${String(op)}`);
    }
  }
  const ops: FoldOps = {
    prepare(...args) {
      pending = args;
    },
    run() {
      try {
        return perform();
      } catch (error) {
        // Whatever user code threw stays in here: the host only ever receives strings and numbers.
        let message: string;
        try {
          message = describeError(error);
        } catch {
          message = 'threw something that cannot be described';
        }
        fault = stringify({ position: current, message });
        return -1;
      }
    },
    current: () => current,
  };
  return { api: definitions.api, ops };
}

/** Operations as the host drives them: `prepare(op, …args)` then `run()` (under the vm timeout). */
export interface FoldOps {
  prepare(...args: unknown[]): void;
  run(): number | string;
  /** The position of the event being handled (or last handled). */
  current(): number;
}

export interface FoldRuntime {
  readonly api: ProjectionApi;
  readonly ops: FoldOps;
}
