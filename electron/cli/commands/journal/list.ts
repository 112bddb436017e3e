import { normalizeTag, type MessageView } from '../../../../shared/journal/index.js';
import {
  compareRecords,
  messageViews,
  postedBetween,
  tagsOfRecord,
  timelinesOf,
  type JournalIndex,
  type MessageRecord,
} from '../../../journal/index.js';
import { UsageError, type ParsedArgs } from '../../args.js';
import { JSON_OPTION, type Command } from '../../command.js';
import { outputClosed, printJson, terminalWidth, truncate, writeOut } from '../../output.js';
import { journalViews, withJournal } from './journal-folder.js';
import { dayOption, localTime, startOfLocalDay } from './local-days.js';

/** Messages read from the log a batch: the output starts at once, and memory stays flat for any journal. */
const BATCH = 500;

export const listCommand: Command = {
  name: 'list',
  summary: 'Print messages, oldest first, by channel, dates and tag',
  usage: ['DIR list [--channel C] [--from DATE] [--to DATE] [--tag T] [-n N] [--json]'],
  description:
    'Prints the messages that are not deleted, oldest first: local date and time, channel, the start of\n' +
    "the id (what edit, delete and restore take), and the text. Dates are days of this computer's time\n" +
    'zone: 2026-12-01, today, yesterday, monday or last monday, 3 days ago, 2 weeks ago, a month ago;\n' +
    '--from and --to are both included. With --json, one object a line with times in ISO UTC.',
  arguments: { required: ['DIR'] },
  options: {
    channel: { type: 'string', short: 'c', value: 'C', description: 'Only channel C (a name or an id)' },
    from: { type: 'string', value: 'DATE', description: 'Only messages posted on DATE or later' },
    to: { type: 'string', value: 'DATE', description: 'Only messages posted on DATE or earlier' },
    tag: {
      type: 'string',
      value: 'T',
      multiple: true,
      description: 'Only messages tagged T (repeat: all of them)',
    },
    limit: { type: 'string', short: 'n', value: 'N', description: 'Only the last N messages' },
    json: { ...JSON_OPTION, description: 'One JSON object a line' },
  },
  examples: [
    'eventfold journal ~/journal list --from yesterday',
    'eventfold journal ~/journal list --tag work -n 10',
    'eventfold journal ~/journal list --from "last monday" --json | jq -r .text',
  ],
  async run(args) {
    const dir = args.positionals[0]!;
    const query = parseQuery(args);
    return withJournal(dir, async (journal) => {
      const index = await journalViews(journal);
      const records = select(index, query);
      const names = new Map([...index.channels.values()].map((channel) => [channel.id, channel.name]));
      for (let i = 0; i < records.length && !outputClosed(); i += BATCH) {
        const views = await messageViews(index, journal.store, records.slice(i, i + BATCH));
        if (args.flag('json')) {
          for (const view of views) await printJson(messageJson(view, names.get(view.channel) ?? null));
        } else {
          await writeOut(views.map((view) => messageLines(view, names.get(view.channel) ?? '?')).join(''));
        }
      }
      if (records.length === 0 && process.stderr.isTTY && !args.flag('json'))
        process.stderr.write('(no messages)\n');
      return 0;
    });
  },
};

interface ListQuery {
  readonly channel: string | undefined;
  readonly start: number;
  readonly end: number;
  readonly tags: readonly string[];
  readonly limit: number;
}

function parseQuery(args: ParsedArgs): ListQuery {
  const from = dayOption('from', args.string('from'));
  const to = dayOption('to', args.string('to'));
  if (from !== undefined && to !== undefined && from > to) {
    throw new UsageError(`--from (${from}) is after --to (${to})`);
  }
  const tags = args.strings('tag').map((typed) => {
    const tag = normalizeTag(typed);
    if (tag === undefined)
      throw new UsageError(`--tag ${typed} is not a tag (a letter, then letters, digits, _ or -)`);
    return tag;
  });
  return {
    channel: args.string('channel'),
    start: from === undefined ? -Infinity : startOfLocalDay(from),
    end: to === undefined ? Infinity : startOfLocalDay(to, 1),
    tags,
    limit: args.integer('limit', 1) ?? Infinity,
  };
}

function select(index: JournalIndex, query: ListQuery): MessageRecord[] {
  let channel: string | undefined;
  if (query.channel !== undefined) {
    const wanted = query.channel.trim().toLowerCase();
    const found = [...index.channels.values()].find(
      (known) => known.id === query.channel || known.name.toLowerCase() === wanted,
    );
    if (found === undefined) {
      const names = index.order.map((id) => `"${index.channels.get(id)?.name ?? id}"`).join(', ');
      throw new UsageError(`there is no channel "${query.channel}"; the channels are ${names || '(none)'}`);
    }
    channel = found.id;
  }
  const records = [...postedBetween(timelinesOf(index, channel), query.start, query.end)].filter(
    (record) => query.tags.length === 0 || query.tags.every((tag) => tagsOfRecord(record).includes(tag)),
  );
  if (channel === undefined) records.sort(compareRecords);
  return query.limit < records.length ? records.slice(records.length - query.limit) : records;
}

function messageLines(view: MessageView, channelName: string): string {
  const marks = [
    view.editedAt === null ? '' : ' (edited)',
    view.attachments.length === 0 ? '' : ` [${view.attachments.map((a) => a.name).join(', ')}]`,
    view.conflicts.length === 0
      ? ''
      : ` (${view.conflicts.length} conflicting edit${view.conflicts.length === 1 ? '' : 's'})`,
  ].join('');
  const head = `${localTime(Date.parse(view.at))}  ${channelName}  ${view.message.slice(0, 8)}  `;
  const [first = '', ...rest] = view.text.split('\n');
  const width = terminalWidth();
  const lines = [
    truncate(`${head}${first}${marks}`, width),
    ...rest.map((line) => truncate(`${' '.repeat(head.length)}${line}`, width)),
  ];
  return `${lines.join('\n')}\n`;
}

/** A message for scripts: ISO UTC times, the channel's name beside its id. */
function messageJson(view: MessageView, channelName: string | null) {
  return {
    message: view.message,
    channel: view.channel,
    channelName,
    at: view.at,
    editedAt: view.editedAt,
    version: view.version,
    text: view.text,
    tags: view.tags,
    attachments: view.attachments,
    replyTo: view.replyTo?.message ?? null,
    pinned: view.pinned,
    reactions: view.reactions,
    origin: view.origin,
  };
}
