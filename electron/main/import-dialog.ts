import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { ImportSource } from '../../shared/journal/index.js';

/** What each tool's export is called, so the dialog can say which file to pick. */
const EXPORTS: Readonly<Record<ImportSource, { title: string; message: string; filter: string }>> = {
  telegram: {
    title: 'Import from Telegram',
    message: 'Choose result.json in the folder Telegram Desktop exported (Export chat history, format JSON).',
    filter: 'Telegram export (result.json)',
  },
  jrnl: {
    title: 'Import from jrnl',
    message: 'Choose the file written by jrnl --format json.',
    filter: 'jrnl JSON export',
  },
  dayone: {
    title: 'Import from Day One',
    message: "Choose Journal.json in the unzipped folder of Day One's JSON export.",
    filter: 'Day One JSON export',
  },
};

/** The system file dialog for an export to import. */
export function importDialogOptions(from: ImportSource): OpenDialogOptions {
  const { title, message, filter } = EXPORTS[from];
  return {
    title,
    message,
    buttonLabel: 'Import',
    filters: [
      { name: filter, extensions: ['json'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile', 'dontAddToRecent'],
  };
}

/** The export the user picked, or null when they cancelled. Modal to `window` when there is one. */
export async function chooseImportFile(
  window: BrowserWindow | undefined,
  from: ImportSource,
): Promise<string | null> {
  const options = importDialogOptions(from);
  const parent = window && !window.isDestroyed() ? window : undefined;
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
