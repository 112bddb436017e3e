import path from 'node:path';
import { defaultJournalFolder } from './default-journal-folder.js';

/** The event folder named on a command line as `--folder=PATH` or `--folder PATH`, if any. */
export function folderArgument(argv: readonly string[]): string | undefined {
  for (const [index, argument] of argv.entries()) {
    if (argument.startsWith('--folder=')) return argument.slice('--folder='.length) || undefined;
    if (argument === '--folder') return argv[index + 1];
  }
  return undefined;
}

/** The folder a launch opens: the one named, else the default journal; absolute either way. */
export function launchFolder(argv: readonly string[]): string {
  return path.resolve(folderArgument(argv) ?? defaultJournalFolder());
}
