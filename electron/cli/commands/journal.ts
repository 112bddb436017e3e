import type { Command } from '../command.js';
import { journalImportCommand } from './journal-import.js';
import { journalSearchCommand } from './journal-search.js';

/**
 * `eventfold journal DIR COMMAND …`: the chat journal from the command line, in the spirit of jrnl. Each
 * command is a Command of its own (its file in this folder), picked by the word after DIR.
 */
export const journalCommand: Command = {
  name: 'journal',
  summary: 'The chat journal in a folder: search it, import into it',
  usage: ['DIR COMMAND [options]'],
  description:
    'Works on the journal kept in an event folder (docs/JOURNAL.md): every message, edit and delete is an\n' +
    'event there, and these commands read and write the same events as the app.',
  arguments: { required: ['DIR', 'COMMAND'] },
  options: {},
  subcommands: [journalSearchCommand, journalImportCommand],
  examples: [
    'eventfold journal ./journal search cafe',
    'eventfold journal ./journal import journal.json --from jrnl',
  ],
  run: () => Promise.reject(new Error('journal runs one of its commands')),
};
