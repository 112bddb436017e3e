import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';

export type FolderPurpose = 'open' | 'create';

/** The system folder dialog for opening an event folder or choosing where a new one goes. */
export function folderDialogOptions(purpose: FolderPurpose): OpenDialogOptions {
  return purpose === 'open'
    ? {
        title: 'Open Event Folder',
        buttonLabel: 'Open',
        properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
      }
    : {
        title: 'New Event Folder',
        buttonLabel: 'Create',
        message: 'Choose or make an empty folder for the new event folder.',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate', 'dontAddToRecent'],
      };
}

/** The folder the user picked, or null when they cancelled. Modal to `window` when there is one. */
export async function chooseFolder(
  window: BrowserWindow | undefined,
  purpose: FolderPurpose,
): Promise<string | null> {
  const options = folderDialogOptions(purpose);
  // A window closed while its page asked gets an unparented dialog rather than an exception.
  const parent = window && !window.isDestroyed() ? window : undefined;
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
