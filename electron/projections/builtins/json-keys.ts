/**
 * Sets a key of a plain object. Stream names and document keys are arbitrary text: plain assignment of
 * "__proto__" would change the object's prototype (or be ignored) instead of storing the value.
 */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else target[key] = value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
