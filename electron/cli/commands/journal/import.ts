import { randomUUID } from 'node:crypto';
import type { ImportOutcome, ImportPreview, ImportSource } from '../../../../shared/journal/index.js';
import {
  ImportCancelled,
  isKnownTimeZone,
  previewImport,
  runImport,
  type ImportChannel,
  type ImportProgress,
} from '../../../journal/import/index.js';
import type { EventStore } from '../../../store/index.js';
import { UsageError } from '../../args.js';
import { JSON_OPTION, type Command } from '../../command.js';
import { CliFailure } from '../../failure.js';
import { Interrupt } from '../../interrupt.js';
import { channelNamed, readChannelDirectory } from '../../journal-channels.js';
import { withStore } from '../../open-store.js';
import { printJson, printLine } from '../../output.js';
import { Progress } from '../../progress.js';
import { formatCount, plural } from '../../units.js';

const SOURCES: Readonly<Record<ImportSource, string>> = {
  telegram: 'Telegram',
  jrnl: 'jrnl',
  dayone: 'Day One',
};

export const journalImportCommand: Command = {
  name: 'import',
  summary: 'Import the entries of a Telegram, jrnl or Day One export',
  usage: [
    'DIR import FILE --from telegram|jrnl|dayone [--channel C] [--time-zone ZONE] [--dry-run] [--json]',
  ],
  description:
    "Reads FILE, the tool's own JSON export, and posts each entry at its original time, with its photos\n" +
    'and files (found beside FILE) attached:\n' +
    "  telegram  Telegram Desktop's chat export (Export chat history, JSON): result.json, or its folder\n" +
    "  jrnl      jrnl's JSON export: jrnl --format json > journal.json\n" +
    "  dayone    Day One's JSON export, unzipped: Journal.json, or its folder\n" +
    'The whole file is checked first: a malformed one is refused naming the line or the entry, and nothing\n' +
    'is imported. Importing the same file again adds nothing (entries are known by their ids in the tool).\n' +
    'Entries go to the channel named by --channel, or to a channel named after the tool (created the\n' +
    "first time). jrnl's times, and those of old Telegram exports, are this computer's local time unless\n" +
    '--time-zone says otherwise. Ctrl-C stops the import; what it added stays, and running it again finishes it.',
  arguments: { required: ['DIR', 'FILE'] },
  options: {
    from: {
      type: 'string',
      value: 'TOOL',
      description: 'The tool that wrote FILE: telegram, jrnl or dayone',
    },
    channel: { type: 'string', value: 'C', description: 'Import into this channel (its name or id)' },
    'time-zone': {
      type: 'string',
      value: 'ZONE',
      description: "Read times without a zone in ZONE, like Europe/Oslo (default: this computer's)",
    },
    'dry-run': {
      type: 'boolean',
      description: 'Only say what the import would do, and what is wrong in FILE',
    },
    json: { ...JSON_OPTION, description: 'Print the outcome (or with --dry-run the preview) as JSON' },
  },
  examples: [
    'eventfold journal ./journal import ~/Downloads/Telegram\\ Desktop/ChatExport_2026-03-01 --from telegram',
    'eventfold journal ./journal import journal.json --from jrnl --channel Diary --time-zone Europe/Oslo',
    'eventfold journal ./journal import ./dayone-export --from dayone --dry-run',
  ],
  async run(args) {
    const [dir, file] = args.positionals as [string, string];
    const from = sourceOption(args.string('from'));
    const timeZone = args.string('time-zone');
    if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
      throw new UsageError(
        `--time-zone ${timeZone} is not a time zone this computer knows (try Europe/Oslo or UTC)`,
      );
    }
    return withStore(dir, {}, async (store) => {
      if (args.flag('dry-run')) {
        const preview = await previewImport(store, file, from, timeZone);
        if (args.flag('json')) await printJson(preview);
        else await printLine(describePreview(preview));
        return preview.problems.length === 0 ? 0 : 1;
      }
      const channel = await channelFor(store, args.string('channel'), from);
      const outcome = await importWithProgress(store, { file, from, channel, timeZone });
      if (args.flag('json')) await printJson(outcome);
      else await printLine(await describeOutcome(store, outcome));
      return 0;
    });
  },
};

function sourceOption(from: string | undefined): ImportSource {
  if (from === undefined) throw new UsageError('--from is needed: telegram, jrnl or dayone');
  if (!Object.hasOwn(SOURCES, from))
    throw new UsageError(`--from must be telegram, jrnl or dayone, not "${from}"`);
  return from as ImportSource;
}

/** The channel named, or the one named after the tool (created on the first import of it). */
async function channelFor(
  store: EventStore,
  named: string | undefined,
  from: ImportSource,
): Promise<ImportChannel> {
  const directory = await readChannelDirectory(store);
  if (named !== undefined) return { kind: 'existing', channel: channelNamed(directory, named).channel };
  const name = SOURCES[from];
  const existing = Object.values(directory.channels).find(
    (channel) => channel.name.toLowerCase() === name.toLowerCase(),
  );
  return existing === undefined
    ? { kind: 'new', channel: randomUUID(), name }
    : { kind: 'existing', channel: existing.channel };
}

async function importWithProgress(
  store: EventStore,
  request: { file: string; from: ImportSource; channel: ImportChannel; timeZone: string | undefined },
): Promise<ImportOutcome> {
  const interrupt = new Interrupt();
  const controller = new AbortController();
  void interrupt.signalled.then(() => controller.abort());
  const progress = {
    reading: new Progress('reading'),
    attachments: new Progress('storing attachments'),
    appending: new Progress('importing'),
  };
  let shown: ImportProgress['phase'] | undefined;
  try {
    return await runImport(store, {
      import: randomUUID(),
      path: request.file,
      from: request.from,
      channel: request.channel,
      ...(request.timeZone === undefined ? {} : { timeZone: request.timeZone }),
      signal: controller.signal,
      onProgress: (step) => {
        if (shown !== undefined && shown !== step.phase) progress[shown].clear();
        shown = step.phase;
        progress[step.phase].count(step.done, step.total, step.phase === 'attachments' ? 'files' : 'entries');
      },
    });
  } catch (error) {
    if (error instanceof ImportCancelled) throw new CliFailure(`stopped: ${error.message}`, 130);
    throw error;
  } finally {
    if (shown !== undefined) progress[shown].clear();
    interrupt.dispose();
  }
}

async function describeOutcome(store: EventStore, outcome: ImportOutcome): Promise<string> {
  const directory = await readChannelDirectory(store);
  const channel = directory.channels[outcome.channel]?.name ?? outcome.channel;
  const span =
    outcome.firstTime === null
      ? ''
      : `, from ${outcome.firstTime.slice(0, 10)} to ${outcome.lastTime!.slice(0, 10)}`;
  const skipped = outcome.skipped > 0 ? ` (${entries(outcome.skipped)} already there)` : '';
  return `imported ${entries(outcome.added)} into "${channel}"${skipped}, with ${plural(outcome.attachments, 'attachment')}${span}`;
}

function describePreview(preview: ImportPreview): string {
  if (preview.problems.length > 0) {
    return [
      `${SOURCES[preview.from]} export with ${plural(preview.problems.length, 'problem')}; importing it would import nothing:`,
      ...preview.problems.map((problem) => `  ${problem.where}: ${problem.message}`),
    ].join('\n');
  }
  const span =
    preview.firstTime === null
      ? ''
      : `, from ${preview.firstTime.slice(0, 10)} to ${preview.lastTime!.slice(0, 10)}`;
  const title = preview.title === null ? '' : ` "${preview.title}"`;
  return `${SOURCES[preview.from]} export${title}: ${entries(preview.entries)} (${formatCount(preview.alreadyImported)} already imported), ${plural(preview.attachments, 'attachment')}${span}`;
}

function entries(count: number): string {
  return count === 1 ? '1 entry' : `${formatCount(count)} entries`;
}
