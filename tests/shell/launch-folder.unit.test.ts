import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultJournalFolder } from '../../electron/serve/default-journal-folder.js';
import { folderArgument, launchFolder } from '../../electron/serve/launch-folder.js';

describe('folderArgument', () => {
  it('reads --folder=PATH and --folder PATH', () => {
    expect(folderArgument(['electron', '.', '--folder=/data/shop'])).toBe('/data/shop');
    expect(folderArgument(['Eventfold', '--folder', '/data/shop'])).toBe('/data/shop');
  });

  it('gives undefined when no folder is named', () => {
    expect(folderArgument(['Eventfold'])).toBeUndefined();
    expect(folderArgument(['Eventfold', '--folder='])).toBeUndefined();
    expect(folderArgument(['Eventfold', '--folder'])).toBeUndefined();
  });
});

describe('launchFolder', () => {
  it('resolves the named folder, or falls back to the default journal', () => {
    expect(launchFolder(['--folder=relative/shop'])).toBe(path.resolve('relative/shop'));
    expect(launchFolder([])).toBe(defaultJournalFolder());
  });
});
