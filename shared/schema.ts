/**
 * Run-time checks for values that cross a trust boundary (IPC, the browser-mode socket). Each schema both
 * checks a value and gives its TypeScript type, so the contract is written once. A failure names the path
 * of the bad part and what was expected there, because the person reading it is debugging a caller.
 */

export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    /** Where the bad part is, as keys and indexes from the argument's root. */
    readonly path: readonly (string | number)[],
    readonly expected: string,
  ) {
    super(`${path.length === 0 ? 'the argument' : describePath(path)} must be ${expected}`);
  }
}

export interface Schema<T> {
  /** Returns the value, typed, or throws a SchemaError naming the first bad part. */
  parse(value: unknown, path?: readonly (string | number)[]): T;
  /** What an acceptable value looks like, for messages. */
  readonly description: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function schema<T>(
  description: string,
  check: (value: unknown, path: readonly (string | number)[]) => T,
): Schema<T> {
  return { description, parse: (value, path = []) => check(value, path) };
}

export function describePath(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

export function string(options: { minLength?: number; maxLength?: number } = {}): Schema<string> {
  const { minLength = 0, maxLength = Number.MAX_SAFE_INTEGER } = options;
  const description =
    minLength > 0
      ? `a non-empty string of at most ${maxLength} characters`
      : `a string of at most ${maxLength} characters`;
  return schema(description, (value, path) => {
    if (typeof value !== 'string' || value.length < minLength || value.length > maxLength) {
      throw new SchemaError(path, description);
    }
    return value;
  });
}

export function integer(options: { min?: number; max?: number } = {}): Schema<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  const description = `an integer from ${min} to ${max}`;
  return schema(description, (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new SchemaError(path, description);
    }
    return value;
  });
}

export const boolean: Schema<boolean> = schema('true or false', (value, path) => {
  if (typeof value !== 'boolean') throw new SchemaError(path, 'true or false');
  return value;
});

export function literal<const L extends readonly (string | number | boolean | null)[]>(
  ...values: L
): Schema<L[number]> {
  const description = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  const literalSchema = schema(description, (value, path) => {
    if (!values.includes(value as L[number])) throw new SchemaError(path, description);
    return value as L[number];
  });
  literalValues.set(literalSchema, values);
  return literalSchema;
}

/** The values a `literal` schema accepts, so that a union can take them without a thrown error. */
const literalValues = new WeakMap<Schema<unknown>, readonly unknown[]>();

/** The first schema that accepts the value wins; the message lists them all. */
export function union<const S extends readonly Schema<unknown>[]>(...options: S): Schema<Infer<S[number]>> {
  const description = options.map((option) => option.description).join(', or ');
  // A literal among the options is answered first, by comparison: a value such as a null reply that the
  // other options refuse would otherwise cost a thrown SchemaError each time (most of folding a journal).
  const literals = options.flatMap((option) => literalValues.get(option) ?? []);
  return schema(description, (value, path) => {
    if (literals.includes(value)) return value as Infer<S[number]>;
    for (const option of options) {
      try {
        return option.parse(value, path) as Infer<S[number]>;
      } catch (error) {
        if (!(error instanceof SchemaError)) throw error;
      }
    }
    throw new SchemaError(path, description);
  });
}

export function array<T>(item: Schema<T>, options: { maxItems?: number } = {}): Schema<T[]> {
  const { maxItems = 100_000 } = options;
  const description = `a list of at most ${maxItems} items, each ${item.description}`;
  return schema(description, (value, path) => {
    if (!Array.isArray(value) || value.length > maxItems) throw new SchemaError(path, description);
    return value.map((entry, index) => item.parse(entry, [...path, index]));
  });
}

type Shape = Record<string, Schema<unknown> | OptionalSchema<unknown>>;

interface OptionalSchema<T> {
  readonly optional: Schema<T>;
}

/** A key that may be left out (undefined counts as left out). */
export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return { optional: inner };
}

type RequiredKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalSchema<unknown> ? never : K;
}[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
type InferField<F> = F extends OptionalSchema<infer T> ? T : F extends Schema<infer T> ? T : never;

export type InferObject<S extends Shape> = {
  readonly [K in RequiredKeys<S>]: InferField<S[K]>;
} & { readonly [K in OptionalKeys<S>]?: InferField<S[K]> };

/** A plain object with exactly these keys: an unknown key is refused, since it is usually a caller's typo. */
export function object<S extends Shape>(shape: S): Schema<InferObject<S>> {
  const keys = Object.keys(shape);
  const description = keys.length === 0 ? 'an empty object' : `an object with ${keys.join(', ')}`;
  return schema(description, (value, path) => {
    if (!isPlainObject(value)) throw new SchemaError(path, description);
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) throw new SchemaError([...path, key], `absent (${description})`);
    }
    for (const key of keys) {
      const field = shape[key]!;
      const entry = value[key];
      if ('optional' in field) {
        if (entry !== undefined) result[key] = field.optional.parse(entry, [...path, key]);
      } else {
        result[key] = field.parse(entry, [...path, key]);
      }
    }
    return result as InferObject<S>;
  });
}

const MAX_JSON_DEPTH = 256;

/** Any value JSON can carry: what event data and metadata may be. */
export const json: Schema<JsonLike> = schema('a JSON value', (value, path) => {
  checkJson(value, path, 0);
  return value as JsonLike;
});

export type JsonLike = null | boolean | number | string | JsonLike[] | { [key: string]: JsonLike };

function checkJson(value: unknown, path: readonly (string | number)[], depth: number): void {
  if (depth > MAX_JSON_DEPTH) throw new SchemaError(path, `nested at most ${MAX_JSON_DEPTH} levels deep`);
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SchemaError(path, 'a finite number (JSON has no NaN or Infinity)');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkJson(item, [...path, index], depth + 1));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) checkJson(item, [...path, key], depth + 1);
    return;
  }
  throw new SchemaError(path, 'a JSON value');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** No argument at all: requests that take none accept undefined or null (what a transport may turn it into). */
export const nothing: Schema<undefined> = schema('nothing', (value, path) => {
  if (value !== undefined && value !== null)
    throw new SchemaError(path, 'left out (this request takes no argument)');
  return undefined;
});
