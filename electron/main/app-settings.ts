import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { readWindowState, type WindowState } from './window-bounds.js';

/** The desktop app's own settings (never kept inside an event folder: they are about this machine). */
export interface AppSettingsData {
  window?: WindowState;
}

/** `settings.json` in the user data directory, written through lowdb (temp file, then rename). */
export class AppSettings {
  private constructor(
    private readonly db: Low<AppSettingsData>,
    private readonly file: string,
  ) {}

  /** Loads the file; a missing or unreadable one (hand-edited, half-written) starts from defaults. */
  static async load(file: string): Promise<AppSettings> {
    const db = new Low<AppSettingsData>(new JSONFile(file), {});
    try {
      await db.read();
    } catch (error) {
      console.warn(`Eventfold: ignoring unreadable settings in ${file}: ${(error as Error).message}`);
    }
    if (typeof db.data !== 'object' || db.data === null || Array.isArray(db.data)) db.data = {};
    return new AppSettings(db, file);
  }

  get windowState(): WindowState | undefined {
    return readWindowState(this.db.data.window);
  }

  async saveWindowState(state: WindowState): Promise<void> {
    this.db.data.window = state;
    await mkdir(path.dirname(this.file), { recursive: true });
    await this.db.write();
  }
}
