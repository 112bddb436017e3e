import { expect } from 'vitest';
import { StoreError, type StoreErrorCode } from '../../shared/store-error.js';

/** Awaits a rejection and checks it is a StoreError with this code; returns it for further checks. */
export async function expectStoreError(action: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> {
  const error: unknown = await action.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error, `expected a StoreError '${code}', but the action succeeded`).toBeInstanceOf(StoreError);
  expect((error as StoreError).code, (error as StoreError).message).toBe(code);
  return error as StoreError;
}

/** Same as expectStoreError, for calls that throw synchronously or reject. */
export async function expectStoreErrorFrom(action: () => unknown, code: StoreErrorCode): Promise<StoreError> {
  return expectStoreError(
    (async () => {
      await action();
    })(),
    code,
  );
}
