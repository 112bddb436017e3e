import { randomUUID } from 'node:crypto';
import type { AttachmentRef } from '../../../../shared/journal/index.js';
import { FIRST_CHANNEL_NAME, storeAttachmentFile } from '../../../journal/index.js';
import { JSON_OPTION, type Command } from '../../command.js';
import { printJson, printLine } from '../../output.js';
import {
  channelDirectory,
  chooseChannel,
  chooseMessage,
  messageText,
  withJournal,
} from './journal-folder.js';

export const postCommand: Command = {
  name: 'post',
  summary: 'Write a message to a channel',
  usage: ['DIR post [--channel C] [--reply-to ID] [--attach FILE]... [--json] [TEXT...]'],
  description:
    'Posts TEXT (Markdown; #tags in it are tags) as a new message, now. Without TEXT, or with -, the text\n' +
    'is read from stdin. The channel is --channel (a name, any case, or an id), else the first channel\n' +
    'that is not archived; a journal with no channel yet gets one, "Journal". Files given with --attach are\n' +
    "stored in the folder's attachments/ first. Prints the new message's id (with --json, the message).",
  arguments: { required: ['DIR'], optional: ['TEXT...'] },
  options: {
    channel: { type: 'string', short: 'c', value: 'C', description: 'The channel, by name or id' },
    'reply-to': {
      type: 'string',
      value: 'ID',
      description: 'Answer the message with this id (or its start)',
    },
    attach: {
      type: 'string',
      value: 'FILE',
      multiple: true,
      description: 'Attach a file (repeat for several)',
    },
    json: { ...JSON_OPTION, description: 'Print the message as JSON' },
  },
  examples: [
    'eventfold journal ~/journal post "Coffee by the harbour #ana"',
    'fortune | eventfold journal ~/journal post --channel Ideas',
    'eventfold journal ~/journal post --attach ferry.jpg "View from the ferry"',
  ],
  async run(args) {
    const [dir, ...words] = args.positionals as [string, ...string[]];
    const text = await messageText(words);
    return withJournal(dir, async (journal, store) => {
      const at = new Date().toISOString();
      const directory = await channelDirectory(store);
      let channel = chooseChannel(directory, args.string('channel'));
      if (channel === undefined) {
        const id = randomUUID();
        await journal.run({ type: 'CreateChannel', channel: id, name: FIRST_CHANNEL_NAME, at });
        channel = { channel: id, name: FIRST_CHANNEL_NAME, archived: false };
      }
      const attachments: AttachmentRef[] = [];
      for (const file of args.strings('attach')) {
        attachments.push(await storeAttachmentFile(journal.attachments, { path: file }));
      }
      const replyTo = args.string('reply-to');
      const message = randomUUID();
      await journal.run({
        type: 'PostMessage',
        message,
        channel: channel.channel,
        text,
        at,
        ...(attachments.length === 0 ? {} : { attachments }),
        ...(replyTo === undefined ? {} : { replyTo: chooseMessage(store, replyTo) }),
      });
      if (args.flag('json'))
        await printJson({
          message,
          channel: channel.channel,
          channelName: channel.name,
          at,
          text,
          attachments,
        });
      else await printLine(message);
      if (!args.flag('json') && process.stderr.isTTY) process.stderr.write(`posted to ${channel.name}\n`);
      return 0;
    });
  },
};
