import type { Command } from '../../command.js';
import { printLine } from '../../output.js';
import { chooseMessage, withJournal } from './journal-folder.js';

function markCommand(verb: 'delete' | 'restore'): Command {
  const deleting = verb === 'delete';
  return {
    name: verb,
    summary: deleting ? 'Delete a message (it can be restored)' : 'Bring a deleted message back',
    usage: [`DIR ${verb} ID`],
    description: deleting
      ? 'Hides the message ID (its id, or the start of it as `list` prints it). Nothing is erased: the\n' +
        'message stays in the log with its history, and `restore` brings it back as it was.'
      : 'Brings back the deleted message ID as it was: its text, pins, reactions and tags.',
    arguments: { required: ['DIR', 'ID'] },
    options: {},
    async run(args) {
      const [dir, typed] = args.positionals as [string, string];
      return withJournal(dir, async (journal, store) => {
        const message = chooseMessage(store, typed);
        await journal.run({
          type: deleting ? 'DeleteMessage' : 'RestoreMessage',
          message,
          at: new Date().toISOString(),
        });
        await printLine(
          deleting
            ? `deleted ${message} (eventfold journal ${dir} restore ${message.slice(0, 8)} brings it back)`
            : `restored ${message}`,
        );
        return 0;
      });
    },
  };
}

export const deleteCommand = markCommand('delete');
export const restoreCommand = markCommand('restore');
