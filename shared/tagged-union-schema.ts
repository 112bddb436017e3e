import { SchemaError, type Infer, type Schema } from './schema.js';

/**
 * A union told apart by one key (`type`, `kind`), each variant an object schema that checks that key as a
 * literal. Unlike `union`, a bad value is checked against the one variant its key names, so the error
 * names the bad field of that variant (`text must be …`) instead of listing every variant.
 */
export function taggedUnion<const V extends Readonly<Record<string, Schema<object>>>>(
  key: string,
  variants: V,
): Schema<Infer<V[keyof V]>> {
  const names = Object.keys(variants);
  const quotedNames = names.map((name) => JSON.stringify(name)).join(', ');
  const description = `an object whose ${key} is one of ${quotedNames}`;
  return {
    description,
    parse(value, path = []) {
      const tag: unknown =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)[key]
          : undefined;
      if (tag === undefined) throw new SchemaError(path, description);
      if (typeof tag !== 'string' || !Object.hasOwn(variants, tag)) {
        throw new SchemaError([...path, key], `one of ${quotedNames}`);
      }
      return variants[tag]!.parse(value, path) as Infer<V[keyof V]>;
    },
  };
}
