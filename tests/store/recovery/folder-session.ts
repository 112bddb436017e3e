import fs from 'node:fs';
import { expect } from 'vitest';
import { StoreError } from '../../../shared/store-error.js';
import { openEventStore, type EventStore, type OpenOptions } from '../../../electron/store/index.js';
import { segmentPath } from '../built-folder.js';
import { makeTempDir, removeDir } from '../temp-folders.js';

/** Each property run gets its own folder, removed afterwards. */
export async function withFolder<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = makeTempDir('eventfold-recovery-');
  try {
    return await run(dir);
  } finally {
    removeDir(dir);
  }
}

export async function withStore<T>(
  dir: string,
  options: OpenOptions,
  use: (store: EventStore) => Promise<T>,
): Promise<T> {
  const store = await openEventStore(dir, { watch: false, ...options });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: StoreError };

/** Runs an action that may fail only with a StoreError; anything else (a TypeError, a RangeError) is a crash. */
export async function withoutCrash<T>(action: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    expect(error.message.length).toBeGreaterThan(10);
    return { ok: false, error };
  }
}

export function fileBytes(dir: string, segment: string): Buffer {
  return fs.readFileSync(segmentPath(dir, segment));
}

/** What health() says of a sound folder. */
export const HEALTHY = { readOnly: false, problems: [], tail: undefined, missing: false };
