import { channelSummaries } from '../../../journal/index.js';
import { JSON_OPTION, type Command } from '../../command.js';
import { printJson, printLine } from '../../output.js';
import { plural } from '../../units.js';
import { journalViews, withJournal } from './journal-folder.js';
import { localTime } from './local-days.js';

export const channelsCommand: Command = {
  name: 'channels',
  summary: 'List the channels with their counts and last activity',
  usage: ['DIR channels [--json]'],
  description:
    "Prints every channel in the journal's order: its name, messages (not deleted), pinned ones, when it\n" +
    'was last written in, whether it is archived, and its id. With --json, one object a line.',
  arguments: { required: ['DIR'] },
  options: { json: { ...JSON_OPTION, description: 'One JSON object a line' } },
  async run(args) {
    const dir = args.positionals[0]!;
    return withJournal(dir, async (journal) => {
      const index = await journalViews(journal);
      const channels = await channelSummaries(index, journal.store);
      for (const channel of channels) {
        if (args.flag('json')) {
          await printJson(channel);
          continue;
        }
        const last =
          channel.lastActivity === null
            ? 'nothing yet'
            : `last ${localTime(Date.parse(channel.lastActivity))}`;
        const pinned = channel.pinned === 0 ? '' : `, ${channel.pinned} pinned`;
        await printLine(
          `${channel.name}  ${plural(channel.messages, 'message')}${pinned}, ${last}${channel.archived ? ' (archived)' : ''}  ${channel.channel}`,
        );
      }
      if (channels.length === 0 && !args.flag('json'))
        process.stderr.write('(no channels yet: post a message to start one)\n');
      return 0;
    });
  },
};
