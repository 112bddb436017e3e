/**
 * Vitest's global setup: no test may touch the user's own Eventfold settings (recent folders, folder trust,
 * window state, the default journal). Before any test runs, the places the app's settings folder is derived
 * from (XDG_CONFIG_HOME, APPDATA, and HOME on macOS) point at a temporary folder, which every test worker
 * and every process a test spawns inherits. The real folder's state is written down here, and after each
 * test file tests/setup/user-settings-check.ts fails the file if it changed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { userDataFolder } from '../../electron/serve/default-journal-folder.js';
import { folderState } from './user-settings.js';

export default function guardUserSettings(): () => void {
  // Each project of the config runs this: the first one decides, the others see its temporary home.
  if (process.env.EVENTFOLD_REAL_USER_DATA !== undefined) return () => undefined;
  const real = userDataFolder();
  const temp = mkdtempSync(path.join(os.tmpdir(), 'eventfold-test-home-'));
  const snapshot = path.join(temp, 'real-user-data.json');
  writeFileSync(snapshot, JSON.stringify([...folderState(real)]));
  process.env.EVENTFOLD_REAL_USER_DATA = real;
  process.env.EVENTFOLD_REAL_USER_DATA_STATE = snapshot;
  // An override of the user's own (EVENTFOLD_USER_DATA) would win over the temporary home: tests never see it.
  delete process.env.EVENTFOLD_USER_DATA;
  process.env.XDG_CONFIG_HOME = temp;
  process.env.APPDATA = temp;
  if (process.platform === 'darwin') process.env.HOME = temp;
  return () => rmSync(temp, { recursive: true, force: true });
}
