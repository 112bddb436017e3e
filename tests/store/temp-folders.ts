import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh directory under the system temp folder; the caller removes it. */
export function makeTempDir(prefix = 'eventfold-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Temp directories for the tests of the calling suite, each removed after its test. */
export function useTempFolders(prefix?: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) removeDir(dir);
  });
  return () => {
    const dir = makeTempDir(prefix);
    made.push(dir);
    return dir;
  };
}
