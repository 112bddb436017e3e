import type { Command } from '../../command.js';
import { JOURNAL_SUBCOMMANDS } from './subcommands.js';

export const journalCommand: Command = {
  name: 'journal',
  summary:
    'Write, read, search and import the chat journal: post, edit, delete, restore, list, channels, search, import',
  usage: JOURNAL_SUBCOMMANDS.flatMap((sub) => sub.usage),
  description:
    'The journal of a folder, on the command line: the same messages the app shows, as events in the\n' +
    'folder (docs/JOURNAL.md). Every command takes the folder first, then what to do:\n' +
    JOURNAL_SUBCOMMANDS.map((sub) => `  ${sub.name.padEnd(9)} ${sub.summary}`).join('\n') +
    '\nRun `eventfold journal DIR COMMAND --help` for one of them.',
  arguments: { required: ['DIR', 'COMMAND'] },
  options: {},
  subcommands: JOURNAL_SUBCOMMANDS,
  examples: [
    'eventfold journal ~/journal post "Coffee by the harbour #ana"',
    'eventfold journal ~/journal list --from yesterday',
  ],
  run: () => Promise.reject(new Error('journal runs its subcommands')),
};
