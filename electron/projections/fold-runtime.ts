/**
 * The projection API and the fold loop, as ONE self-contained function: the sandbox evaluates its source
 * (`foldRuntime.toString()`) inside a `vm` context, so that every object it makes (events, states,
 * partitions) belongs to the context and no constructor chain reaches the host; built-in projections call
 * the same function directly. It must therefore reference nothing outside its own body.
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
 *   JSON: a Map, a Date or undefined inside it does not survive a checkpoint.
 */
export function foldRuntime(positionCell: SharedArrayBuffer | ArrayBuffer): FoldRuntime {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const now = Date.now;
  const hasOwn = Object.hasOwn;
  const keys = Object.keys;
  const create = Object.create as (proto: null) => Record<string, unknown>;
  const isArray = Array.isArray;
  const current = new Float64Array(positionCell);

  type Handler = (state: unknown, event: ProjectionEvent) => unknown;
  interface Definition {
    source: ProjectionSourceSpec;
    init: (() => unknown) | undefined;
    any: Handler | undefined;
    types: Record<string, Handler>;
    partitionBy: ((event: ProjectionEvent) => unknown) | undefined;
    hasWhen: boolean;
  }
  interface Fold {
    state: unknown;
    position: number;
    /** The fold's own input while another fold is fed: it continues there on 'extend'. */
    input: string;
    cursor: number;
  }

  let definition: Definition | undefined;
  let matches: (stream: string) => boolean = () => true;
  const folds: Record<string, Fold> = create(null) as unknown as Record<string, Fold>;
  const NumberSet = Set;
  let skipped = new NumberSet<number>();

  let input = '';
  let cursor = 0;
  let upTo = 0;
  let target: Fold | undefined;
  let path: unknown[] | undefined;
  let limit = 0;
  let changes: { position: number; before: string | undefined; after: string | undefined }[] = [];
  let fault = '';

  function select(source: ProjectionSourceSpec): ProjectionBuilder {
    if (definition !== undefined) {
      throw new Error(
        'a projection chooses its events once: call one of fromAll, fromStream, fromStreams, fromCategory',
      );
    }
    const made: Definition = {
      source,
      init: undefined,
      any: undefined,
      types: create(null) as Record<string, Handler>,
      partitionBy: undefined,
      hasWhen: false,
    };
    definition = made;
    const builder: ProjectionBuilder = {
      partitionBy(by) {
        if (typeof by !== 'function') throw new TypeError('partitionBy needs a function (event) => key');
        made.partitionBy = by;
        return builder;
      },
      foreachStream() {
        made.partitionBy = (event) => event.stream;
        return builder;
      },
      when(handlers) {
        if (typeof handlers !== 'object' || handlers === null) {
          throw new TypeError('when needs an object of handlers: { $init, $any, SomeEventType }');
        }
        for (const name of keys(handlers)) {
          const handler = (handlers as Record<string, unknown>)[name];
          if (typeof handler !== 'function')
            throw new TypeError(`when: the handler "${name}" is not a function`);
          if (name === '$init') made.init = handler as () => unknown;
          else if (name === '$any') made.any = handler as Handler;
          else if (name.startsWith('$')) {
            throw new Error(`when: "${name}" is not supported (use $init, $any or event types)`);
          } else made.types[name] = handler as Handler;
        }
        made.hasWhen = true;
        return builder;
      },
      outputState() {
        return builder;
      },
    };
    return builder;
  }

  const api: ProjectionApi = {
    fromAll: () => select({ kind: 'all' }),
    fromStream(stream) {
      if (typeof stream !== 'string' || stream === '') throw new TypeError('fromStream needs a stream name');
      return select({ kind: 'streams', streams: [stream] });
    },
    fromStreams(...streams) {
      const list: unknown[] =
        streams.length === 1 && isArray(streams[0]) ? (streams[0] as unknown[]) : streams;
      if (list.length === 0 || list.some((stream) => typeof stream !== 'string' || stream === '')) {
        throw new TypeError(
          'fromStreams needs stream names: fromStreams("a", "b") or fromStreams(["a", "b"])',
        );
      }
      return select({ kind: 'streams', streams: list as string[] });
    },
    fromCategory(category) {
      if (typeof category !== 'string') throw new TypeError('fromCategory needs a category name');
      return select({ kind: 'category', category });
    },
  };

  function defined(): Definition {
    if (definition === undefined) {
      throw new Error(
        'the file defines no projection: call fromAll(), fromStream(), fromStreams() or fromCategory()',
      );
    }
    if (!definition.hasWhen)
      throw new Error('the projection has no handlers: add .when({ $init, SomeEventType })');
    return definition;
  }

  function describe(): string {
    const made = defined();
    const { source } = made;
    if (source.kind === 'streams') {
      const set = new Set(source.streams);
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
    const made = defined();
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
    folds[name] = { state, position, input: '', cursor: 0 };
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

  /** Codes the host reads: see FoldStep in fold-machine.ts. */
  function step(budgetMs: number): number {
    const made = defined();
    const fold = target;
    if (fold === undefined) throw new Error('step before feed');
    const started = now();
    while (cursor < input.length) {
      let end = input.indexOf('\n', cursor);
      if (end === -1) end = input.length;
      const line = input.slice(cursor, end);
      let record: Record<string, unknown>;
      try {
        record = parse(line) as Record<string, unknown>;
      } catch {
        fault = stringify({ position: fold.position + 1, message: 'the log line is not JSON', log: true });
        return 3;
      }
      const position = record.position as number;
      if (position <= fold.position) {
        cursor = end + 1;
        continue;
      }
      if (position > upTo) return 1;
      if (position !== fold.position + 1) {
        fault = stringify({
          position: fold.position + 1,
          message: `the log skips to position ${position}`,
          log: true,
        });
        return 3;
      }
      current[0] = position;
      const stream = record.stream as string;
      const type = record.type as string;
      const handler = skipped.has(position) || !matches(stream) ? undefined : handlerFor(made, type);
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
      cursor = end + 1;
      if (position === upTo) return 1;
      if (path !== undefined && changes.length >= limit) return 4;
      if (now() - started >= budgetMs) return 2;
    }
    return 0;
  }

  function describeError(error: unknown): string {
    if (error instanceof Error) {
      const where = /\((projections\/[^)]*)\)|at (projections\/\S*)/.exec(String(error.stack));
      const location = where === null ? '' : ` (${where[1] ?? where[2]})`;
      return `${error.name}: ${error.message}${location}`;
    }
    return `threw ${typeof error === 'string' ? error : (stringify(error) ?? String(error))}`;
  }

  function park(): void {
    if (target === undefined) return;
    target.input = input;
    target.cursor = cursor;
  }

  let pending: unknown[] = [];
  function perform(): number | string {
    const [op, a, b, c] = pending;
    pending = [];
    switch (op) {
      case 'load':
        (a as () => void)();
        return describe();
      case 'reset':
        reset(a as string, b as string | null, c as number);
        return 0;
      case 'watch':
        path = a === null ? undefined : (parse(a as string) as unknown[]);
        limit = typeof b === 'number' ? b : Infinity;
        changes = [];
        return 0;
      case 'feed':
        park();
        target = folds[a as string];
        input = b as string;
        cursor = 0;
        upTo = c as number;
        return 0;
      case 'extend':
        // The same fold, further: on with what is left of its last input.
        park();
        target = folds[a as string];
        input = target?.input ?? '';
        cursor = target?.cursor ?? 0;
        upTo = b as number;
        return 0;
      case 'step':
        return step(a as number);
      case 'position':
        return folds[a as string]?.position ?? 0;
      case 'state': {
        const fold = folds[a as string];
        return fold === undefined ? 'null' : (stringify(fold.state) ?? 'null');
      }
      case 'changes':
        return stringify(changes);
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
        fault = stringify({ position: current[0], message: describeError(error) });
        return -1;
      }
    },
  };
  return { api, ops };
}

/** Which events a projection reads. */
export type ProjectionSourceSpec =
  | { readonly kind: 'all' }
  | { readonly kind: 'streams'; readonly streams: readonly string[] }
  | { readonly kind: 'category'; readonly category: string };

/** An event as handlers receive it: the CLI's --json shape. */
export interface ProjectionEvent {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly data: unknown;
  readonly meta: unknown;
}

export interface ProjectionBuilder {
  partitionBy(by: (event: ProjectionEvent) => unknown): ProjectionBuilder;
  foreachStream(): ProjectionBuilder;
  when(handlers: Record<string, (...args: never[]) => unknown>): ProjectionBuilder;
  outputState(): ProjectionBuilder;
}

export interface ProjectionApi {
  fromAll(): ProjectionBuilder;
  fromStream(stream: string): ProjectionBuilder;
  fromStreams(...streams: (string | readonly string[])[]): ProjectionBuilder;
  fromCategory(category: string): ProjectionBuilder;
}

/** Operations as the host drives them: `prepare(op, …args)` then `run()` (under the vm timeout). */
export interface FoldOps {
  prepare(...args: unknown[]): void;
  run(): number | string;
}

export interface FoldRuntime {
  readonly api: ProjectionApi;
  readonly ops: FoldOps;
}
