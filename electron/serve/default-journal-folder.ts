import path from 'node:path';
import os from 'node:os';

/** What decides where a platform keeps per-user application data. */
export interface UserDataContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
}

export const PRODUCT_NAME = 'Eventfold';
export const JOURNAL_FOLDER_NAME = 'Journal';

const currentContext = (): UserDataContext => ({
  platform: process.platform,
  env: process.env,
  homedir: os.homedir(),
});

/**
 * The folder Electron's `app.getPath('userData')` gives for productName Eventfold. Computed here, without
 * importing electron, so that the CLI, browser mode and the desktop shell all open the same journal.
 */
export function userDataFolder(context: UserDataContext = currentContext()): string {
  const { platform, env, homedir } = context;
  // The desktop app's override (app.setPath('userData')), honoured here too so that browser mode, its
  // fallback and the desktop app keep one journal, one recent list and one trust list.
  const override = env.EVENTFOLD_USER_DATA;
  if (override) return (platform === 'win32' ? path.win32 : path.posix).resolve(override);
  if (platform === 'win32') {
    const appData = env.APPDATA ?? path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
  }
  // Electron follows the XDG spec on Linux and the BSDs, and ignores a relative XDG_CONFIG_HOME as the spec says.
  const configHome = env.XDG_CONFIG_HOME;
  const base =
    configHome && path.posix.isAbsolute(configHome) ? configHome : path.posix.join(homedir, '.config');
  return path.posix.join(base, PRODUCT_NAME);
}

/** The event folder opened when the user names none: `<userData>/Journal`. */
export function defaultJournalFolder(context: UserDataContext = currentContext()): string {
  const paths = context.platform === 'win32' ? path.win32 : path.posix;
  return paths.join(userDataFolder(context), JOURNAL_FOLDER_NAME);
}
