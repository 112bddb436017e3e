/**
 * The projection API user code calls (fromAll, fromStream, fromStreams, fromCategory, then .when,
 * .partitionBy, .foreachStream, .outputState), recording what the code declared. Like fold-runtime.ts it
 * is ONE self-contained function: the sandbox evaluates its source inside the projection's `vm` context, so
 * the builders and definitions belong to the context; built-in projections call it directly.
 */
export function projectionDefinition(): ProjectionDefinitions {
  'use strict';
  const keys = Object.keys;
  const create = Object.create as (proto: null) => Record<string, unknown>;
  const isArray = Array.isArray;
  let definition: Definition | undefined;

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

  return {
    api,
    defined() {
      if (definition === undefined) {
        throw new Error(
          'the file defines no projection: call fromAll(), fromStream(), fromStreams() or fromCategory()',
        );
      }
      if (!definition.hasWhen)
        throw new Error('the projection has no handlers: add .when({ $init, SomeEventType })');
      return definition;
    },
  };
}

/** An event handler: returns the new state, or undefined to keep the (possibly mutated) state. */
export type Handler = (state: unknown, event: ProjectionEvent) => unknown;

/** What a projection's code declared. */
export interface Definition {
  source: ProjectionSourceSpec;
  init: (() => unknown) | undefined;
  any: Handler | undefined;
  types: Record<string, Handler>;
  partitionBy: ((event: ProjectionEvent) => unknown) | undefined;
  hasWhen: boolean;
}

export interface ProjectionDefinitions {
  readonly api: ProjectionApi;
  /** The definition, once the code made one; throws a message for the user when it did not. */
  defined(): Definition;
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
