/**
 * After each test file: the user's own settings folder is as it was before the run (see
 * user-settings-guard.ts), or the file fails, naming what was written there.
 */
import { readFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { changedFiles, folderState } from './user-settings.js';

afterAll(() => {
  const real = process.env.EVENTFOLD_REAL_USER_DATA;
  const snapshot = process.env.EVENTFOLD_REAL_USER_DATA_STATE;
  if (real === undefined || snapshot === undefined) {
    throw new Error("tests/setup/user-settings-guard.ts did not run: it is vitest.config.ts's globalSetup");
  }
  const before = new Map(JSON.parse(readFileSync(snapshot, 'utf8')) as [string, string][]);
  const changed = changedFiles(before, folderState(real));
  if (changed.length > 0) {
    throw new Error(
      `A test wrote into the user's own Eventfold settings at ${real}: ${changed.join(', ')}. ` +
        'Tests must use a temporary folder (a settings file option, or the environment the global setup sets).',
    );
  }
});
