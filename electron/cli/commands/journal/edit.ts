import { randomUUID } from 'node:crypto';
import { routeOf } from '../../../../shared/journal/index.js';
import { loadDecisionState } from '../../../journal/index.js';
import type { Command } from '../../command.js';
import { CliFailure } from '../../failure.js';
import { printLine } from '../../output.js';
import { chooseMessage, messageText, withJournal } from './journal-folder.js';

export const editCommand: Command = {
  name: 'edit',
  summary: "Replace a message's text",
  usage: ['DIR edit ID [TEXT...]'],
  description:
    'Replaces the text of the message ID (its id, or the start of it as `list` prints it) with TEXT, or\n' +
    "with stdin when TEXT is left out. The earlier text stays in the message's history. If another window\n" +
    'or process edits the same message at the same moment, both texts are kept: the other one stays the\n' +
    "message's text, this one is recorded as a conflict to settle in the app, and the command exits 1.",
  arguments: { required: ['DIR', 'ID'], optional: ['TEXT...'] },
  options: {},
  examples: ['eventfold journal ~/journal edit 0f8e3a52 "Coffee by the harbour, again"'],
  async run(args) {
    const [dir, typed, ...words] = args.positionals as [string, string, ...string[]];
    const text = await messageText(words);
    return withJournal(dir, async (journal, store) => {
      const message = chooseMessage(store, typed);
      const at = new Date().toISOString();
      const draft = { type: 'EditMessage' as const, message, edit: randomUUID(), text, at, baseVersion: 1 };
      const { state } = await loadDecisionState(store, routeOf(draft));
      const baseVersion = state.messages[message]?.version ?? 1;
      const outcome = await journal.run({ ...draft, baseVersion });
      if (outcome.conflict) {
        throw new CliFailure(
          `another edit of ${message} came first; yours is kept beside it as a conflict (see the message's history in the app)`,
        );
      }
      if (outcome.events.length === 0) await printLine(`${message} already has this text`);
      else await printLine(`edited ${message}: version ${baseVersion + 1}`);
      return 0;
    });
  },
};
