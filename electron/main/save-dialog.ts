import path from 'node:path';
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';

const FILTERS: Readonly<Record<string, { name: string; extensions: string[] }>> = {
  jsonl: { name: 'JSON lines', extensions: ['jsonl'] },
  json: { name: 'JSON', extensions: ['json'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  md: { name: 'Markdown', extensions: ['md'] },
  html: { name: 'HTML', extensions: ['html'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** The save dialog for an export or report: the suggested name, and its format as the file type. */
export function saveDialogOptions(suggestedName: string, folder: string): SaveDialogOptions {
  const extension = path.extname(suggestedName).slice(1);
  const filter = FILTERS[extension];
  return {
    title: 'Save Export',
    buttonLabel: 'Save',
    defaultPath: path.join(folder, suggestedName),
    filters: filter === undefined ? [] : [filter],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Where the user chose to save, or null when they cancelled. Modal to `window` when it is still open. */
export async function chooseSavePath(
  window: BrowserWindow | undefined,
  suggestedName: string,
  folder: string,
): Promise<string | null> {
  const options = saveDialogOptions(suggestedName, folder);
  const parent = window && !window.isDestroyed() ? window : undefined;
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
}
