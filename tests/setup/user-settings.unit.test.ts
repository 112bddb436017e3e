import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultJournalFolder, userDataFolder } from '../../electron/serve/default-journal-folder.js';
import { makeTempDir, removeDir } from '../store/temp-folders.js';
import { changedFiles, folderState } from './user-settings.js';

describe("the user's own settings during a test run", () => {
  it('are elsewhere: every settings path a test (or a process it spawns) derives is in a temporary folder', () => {
    const real = process.env.EVENTFOLD_REAL_USER_DATA;
    expect(real, 'the global setup tests/setup/user-settings-guard.ts ran').toBeDefined();
    expect(userDataFolder().startsWith(path.join(os.tmpdir(), 'eventfold-test-home-'))).toBe(true);
    expect(defaultJournalFolder().startsWith(os.tmpdir())).toBe(true);
    expect(userDataFolder()).not.toBe(real);
  });

  it('are checked file by file, so that a write into them fails the run', () => {
    const dir = makeTempDir('eventfold-guard-');
    try {
      const before = folderState(dir);
      mkdirSync(path.join(dir, 'Journal'));
      writeFileSync(path.join(dir, 'recent-folders.json'), '[]');
      const after = folderState(dir);
      expect(changedFiles(before, after)).toEqual(['Journal', 'recent-folders.json']);
      writeFileSync(path.join(dir, 'recent-folders.json'), '[{"path":"/x"}]');
      expect(changedFiles(after, folderState(dir))).toEqual(['recent-folders.json']);
      expect(changedFiles(folderState(path.join(dir, 'missing')), new Map())).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });
});
