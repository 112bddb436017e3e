/**
 * Addresses inside the app. Every place a user can be in (a view, what it shows, the event open beside it,
 * its filters, a position, compare marks) is a `Place`, and a `RouteTable` turns places into the part of the
 * address after `#` and back: `#/stream/order-42?event=17&text=gift`. The hash keeps the page's own address
 * (and browser mode's `?token=`) untouched, works from file:// in the desktop app, and needs nothing of the
 * server.
 *
 * A view adds its routes by listing them in its `ViewDefinition` (renderer/src/views/): a name, a path
 * pattern with `:params`, and the query keys it keeps. Nothing here changes for a new view.
 */

/** A query value: one string, or several for a repeated key (`type=A&type=B`). */
export type QueryValue = string | readonly string[];
export type Query = Readonly<Record<string, QueryValue>>;

/** Where the user is: a route by name, its path parameters and the query keys it keeps. */
export interface Place {
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
}

/** One route of a view. */
export interface RouteDefinition {
  /** Unique across the app, by convention `view.what`: `log.stream`, `projection`, `journal.channel`. */
  readonly name: string;
  /**
   * The path: literal segments and `:name` parameters, each one whole segment (it may be empty, and any text
   * is encoded in it, `/` included): `/stream/:stream`. `/` alone is the address without a path.
   */
  readonly path: string;
  /**
   * The query keys this route keeps, in the order the address shows them. Keys not listed are dropped when
   * the app goes to this route, so that one view's filters never leak into another.
   */
  readonly query?: readonly string[];
}

interface CompiledRoute {
  readonly definition: RouteDefinition;
  /** Literal text, or null where a parameter goes. */
  readonly segments: readonly (string | null)[];
  readonly params: readonly string[];
}

/** A route table that knows every route of the app. */
export class RouteTable {
  readonly #routes = new Map<string, CompiledRoute>();
  readonly #global: readonly string[];

  /**
   * `globalQuery` names query keys every route keeps (the app's own, such as the folder shown), after the
   * route's own keys.
   */
  constructor(routes: readonly RouteDefinition[], globalQuery: readonly string[] = []) {
    this.#global = globalQuery;
    const paths = new Map<string, string>();
    for (const definition of routes) {
      if (this.#routes.has(definition.name)) {
        throw new Error(`Two routes are named "${definition.name}": route names must be unique`);
      }
      const compiled = compile(definition);
      const shape = compiled.segments.map((segment) => segment ?? ':').join('/');
      const clash = paths.get(shape);
      if (clash !== undefined) {
        throw new Error(`Routes "${clash}" and "${definition.name}" have the same path ${definition.path}`);
      }
      paths.set(shape, definition.name);
      this.#routes.set(definition.name, compiled);
    }
  }

  has(route: string): boolean {
    return this.#routes.has(route);
  }

  /** The place an address's hash names (with or without the leading `#`), or null when no route matches. */
  match(hash: string): Place | null {
    const text = hash.startsWith('#') ? hash.slice(1) : hash;
    const queryAt = text.indexOf('?');
    const pathText = queryAt === -1 ? text : text.slice(0, queryAt);
    const searchText = queryAt === -1 ? '' : text.slice(queryAt + 1);
    const segments = splitPath(pathText);
    if (segments === null) return null;
    for (const route of this.#routes.values()) {
      const params = matchSegments(route, segments);
      if (params !== null)
        return { route: route.definition.name, params, query: this.#keep(route, searchText) };
    }
    return null;
  }

  /** The hash for a place, `#` included. Throws for an unknown route or a missing parameter (a bug). */
  hash(place: Place): string {
    const route = this.#route(place.route);
    let param = 0;
    const path = route.segments.map((segment) => {
      if (segment !== null) return encodeURIComponent(segment);
      const name = route.params[param++]!;
      const value = place.params[name];
      if (value === undefined) throw new Error(`Route "${place.route}" needs the parameter "${name}"`);
      return encodeURIComponent(value);
    });
    const search = new URLSearchParams();
    for (const key of this.#keys(route)) {
      const value = place.query[key];
      if (value === undefined) continue;
      for (const one of typeof value === 'string' ? [value] : value) search.append(key, one);
    }
    const query = search.toString();
    return `#/${path.join('/')}${query === '' ? '' : `?${query}`}`;
  }

  /** The place with only the query keys its route keeps (and empty values dropped). */
  normalise(place: Place): Place {
    const route = this.#route(place.route);
    const query: Record<string, QueryValue> = {};
    for (const key of this.#keys(route)) {
      const value = place.query[key];
      if (value === undefined) continue;
      if (typeof value === 'string') {
        if (value !== '') query[key] = value;
      } else if (value.length > 0) query[key] = [...value];
    }
    return { route: place.route, params: { ...place.params }, query };
  }

  #route(name: string): CompiledRoute {
    const route = this.#routes.get(name);
    if (route === undefined) throw new Error(`There is no route named "${name}"`);
    return route;
  }

  #keys(route: CompiledRoute): string[] {
    return [
      ...(route.definition.query ?? []),
      ...this.#global.filter((key) => !route.definition.query?.includes(key)),
    ];
  }

  #keep(route: CompiledRoute, searchText: string): Query {
    const search = new URLSearchParams(searchText);
    const query: Record<string, QueryValue> = {};
    for (const key of this.#keys(route)) {
      const values = search.getAll(key).filter((value) => value !== '');
      if (values.length === 1) query[key] = values[0]!;
      else if (values.length > 1) query[key] = values;
    }
    return query;
  }
}

function compile(definition: RouteDefinition): CompiledRoute {
  if (!definition.path.startsWith('/')) {
    throw new Error(
      `Route "${definition.name}": a path starts with "/", not ${JSON.stringify(definition.path)}`,
    );
  }
  const parts = definition.path === '/' ? [] : definition.path.slice(1).split('/');
  const params: string[] = [];
  const segments = parts.map((part) => {
    if (!part.startsWith(':')) return part;
    const name = part.slice(1);
    if (name === '' || params.includes(name)) {
      throw new Error(`Route "${definition.name}": parameter "${part}" is empty or repeated`);
    }
    params.push(name);
    return null;
  });
  return { definition, segments, params };
}

/** The decoded segments of a path; null when it is no path of ours (no leading `/`, bad escapes). */
function splitPath(pathText: string): string[] | null {
  if (pathText === '' || pathText === '/') return [];
  if (!pathText.startsWith('/')) return null;
  try {
    return pathText.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
}

function matchSegments(route: CompiledRoute, segments: readonly string[]): Record<string, string> | null {
  if (segments.length !== route.segments.length) return null;
  const params: Record<string, string> = {};
  let param = 0;
  for (const [index, segment] of route.segments.entries()) {
    const actual = segments[index]!;
    if (segment === null) params[route.params[param++]!] = actual;
    else if (segment !== actual) return null;
  }
  return params;
}

/** The first value of a query key (a repeated key gives its first), or undefined. */
export function queryText(query: Query, key: string): string | undefined {
  const value = query[key];
  return typeof value === 'string' ? value : value?.[0];
}

/** Every value of a query key, in order. */
export function queryList(query: Query, key: string): readonly string[] {
  const value = query[key];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** A whole number from a query key, or undefined when it is absent or not a whole number >= min. */
export function queryInteger(query: Query, key: string, min = 0): number | undefined {
  const text = queryText(query, key);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= min ? value : undefined;
}

/** Whether two places are the same address. */
export function samePlace(a: Place, b: Place): boolean {
  return a.route === b.route && sameRecord(a.params, b.params) && sameQuery(a.query, b.query);
}

/** The keys of the query whose values differ between two places of the same route (null: a different route or params). */
export function changedQueryKeys(from: Place, to: Place): string[] | null {
  if (from.route !== to.route || !sameRecord(from.params, to.params)) return null;
  const keys = new Set([...Object.keys(from.query), ...Object.keys(to.query)]);
  return [...keys].filter((key) => !sameValue(from.query[key], to.query[key]));
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function sameQuery(a: Query, b: Query): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => sameValue(a[key], b[key]));
}

function sameValue(a: QueryValue | undefined, b: QueryValue | undefined): boolean {
  const left = a === undefined ? [] : typeof a === 'string' ? [a] : a;
  const right = b === undefined ? [] : typeof b === 'string' ? [b] : b;
  return left.length === right.length && left.every((value, index) => value === right[index]);
}
