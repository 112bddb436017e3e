import type { SearchHit } from '../../../../shared/journal/index.js';
import { JournalSearch, MAX_HITS, storeEventFeed, type SearchQuery } from '../../../journal/search/index.js';
import type { ParsedArgs } from '../../args.js';
import { UsageError } from '../../args.js';
import { JSON_OPTION, type Command } from '../../command.js';
import { channelNamed, readChannelDirectory } from '../../journal-channels.js';
import { withStore } from '../../open-store.js';
import { printJson, printLine } from '../../output.js';
import { Progress } from '../../progress.js';
import { formatCount, plural } from '../../units.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export const journalSearchCommand: Command = {
  name: 'search',
  summary: "Search the journal's messages",
  usage: ['DIR search QUERY [--channel C]... [--tag T]... [--from DATE] [--to DATE] [-n N] [--json]'],
  description:
    "Finds the messages that contain every word of QUERY, as the app's search does: accents and case do not\n" +
    'matter (cafe finds café), emoji are words, the last letters may be missing (harb finds harbour) and a\n' +
    'longer word may have a typo (harbuor). Deleted messages are not found. Exact matches come first, then\n' +
    'typo matches, newest first within each; at most 1,000 are counted. The search index lives in the\n' +
    "folder's cache/ and catches up with the log first (with progress on a terminal).\n" +
    'DATE is YYYY-MM-DD (a day of your time zone) or an ISO time.',
  arguments: { required: ['DIR', 'QUERY'] },
  options: {
    channel: {
      type: 'string',
      multiple: true,
      value: 'C',
      description: 'Only in this channel (its name or id); may be given several times',
    },
    tag: {
      type: 'string',
      multiple: true,
      value: 'T',
      description: 'Only messages with this tag (all of them)',
    },
    from: { type: 'string', value: 'DATE', description: 'Only messages posted on or after DATE' },
    to: { type: 'string', value: 'DATE', description: 'Only messages posted on or before DATE' },
    'has-attachment': { type: 'boolean', description: 'Only messages with a file or picture' },
    limit: {
      type: 'string',
      short: 'n',
      value: 'N',
      description: `At most N messages (default ${DEFAULT_LIMIT})`,
    },
    offset: { type: 'string', value: 'N', description: 'Skip the first N messages (the next page)' },
    json: {
      ...JSON_OPTION,
      description: 'Print the hits, with their highlighted excerpts, as one JSON object',
    },
  },
  examples: [
    'eventfold journal ./journal search cafe',
    'eventfold journal ./journal search "ferry late" --channel Travel --from 2026-03-01',
    "eventfold journal ./journal search 🎉 --json | jq -r '.hits[].message'",
  ],
  async run(args) {
    const [dir, text] = args.positionals as [string, string];
    if (text.trim().length === 0) throw new UsageError('QUERY is empty: give the words to look for');
    const limit = args.integer('limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
    const offset = args.integer('offset', 0, MAX_HITS) ?? 0;
    return withStore(dir, {}, async (store) => {
      const directory = await readChannelDirectory(store);
      const channels = args.strings('channel').map((named) => channelNamed(directory, named).channel);
      const query: SearchQuery = {
        query: text,
        ...(channels.length === 0 ? {} : { channels }),
        ...(args.has('tag') ? { tags: args.strings('tag') } : {}),
        ...dateOption(args, 'from', 'start'),
        ...dateOption(args, 'to', 'end'),
        ...(args.flag('has-attachment') ? { hasAttachment: true } : {}),
        offset,
        limit,
      };
      const results = await searchCaughtUp(store, query);
      const nameOf = (channel: string): string => directory.channels[channel]?.name ?? channel;
      if (args.flag('json')) {
        await printJson({
          ...results,
          hits: results.hits.map((hit) => ({ ...hit, channelName: nameOf(hit.channel) })),
        });
        return 0;
      }
      const highlight = Boolean(process.stdout.isTTY);
      for (const hit of results.hits) await printLine(hitLine(hit, nameOf(hit.channel), highlight));
      process.stderr.write(`${summary(results.total, results.capped, offset, results.hits.length)}\n`);
      return 0;
    });
  },
};

async function searchCaughtUp(store: Parameters<typeof storeEventFeed>[0], query: SearchQuery) {
  const progress = new Progress('indexing the journal for search');
  const index = await JournalSearch.open(storeEventFeed(store), {
    onStatus: (status) => progress.count(status.position, status.lastPosition, 'events'),
  });
  try {
    await index.whenCovered(store.lastPosition);
    progress.clear();
    return await index.search(query);
  } finally {
    progress.clear();
    await index.close();
  }
}

/** `--from 2026-03-01` is the start of that day here; `--to` its end; a full ISO time is taken as it is. */
function dateOption(
  args: ParsedArgs,
  name: 'from' | 'to',
  edge: 'start' | 'end',
): Partial<Record<'from' | 'to', string>> {
  const text = args.string(name);
  if (text === undefined) return {};
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const time = day
    ? edge === 'start'
      ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]))
      : new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59, 999)
    : new Date(text);
  if (Number.isNaN(time.getTime()) || (day && time.getDate() !== Number(day[3]))) {
    throw new UsageError(`--${name} must be a day like 2026-03-01 or an ISO time, not "${text}"`);
  }
  return { [name]: time.toISOString() };
}

/** `2026-03-01 09:14  Journal  Coffee at the café…`, the matched words in bold on a terminal. */
function hitLine(hit: SearchHit, channel: string, highlight: boolean): string {
  const excerpt = hit.excerpt
    .map((part) => (part.match && highlight ? `\x1b[1m${part.text}\x1b[22m` : part.text))
    .join('');
  const marks = hit.attachments > 0 ? `  [${plural(hit.attachments, 'attachment')}]` : '';
  return `${localTime(hit.at)}  ${channel}  ${excerpt}${marks}`;
}

function localTime(at: string): string {
  const date = new Date(at);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

function summary(total: number, capped: boolean, offset: number, shown: number): string {
  if (total === 0) return 'no messages found';
  const found = capped
    ? `more than ${formatCount(MAX_HITS)} messages found`
    : `${plural(total, 'message')} found`;
  if (offset === 0 && shown === total) return found;
  if (shown === 0) return `${found}; none after the first ${formatCount(offset)}`;
  const next = offset + shown < total ? ` (next: --offset ${offset + shown})` : '';
  return `${found}; showing ${formatCount(offset + 1)} to ${formatCount(offset + shown)}${next}`;
}
