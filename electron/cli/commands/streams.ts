import type { EventStore, StreamInfo } from '../../store/index.js';
import { JSON_OPTION, type Command } from '../command.js';
import { withStore } from '../open-store.js';
import { outputClosed, printLine, terminalWidth, truncate, writeOut } from '../output.js';
import { Progress } from '../progress.js';
import { forTerminal } from '../terminal-text.js';
import { formatCount } from '../units.js';

/** Streams whose last event is looked up, then printed, at a time: output starts soon, memory stays flat. */
const BATCH = 500;
/** Reads in flight at once: enough to keep the disk busy, few enough not to flood the file handles. */
const CONCURRENT_READS = 16;
const MAX_STREAM_COLUMN = 48;

export interface StreamSummary {
  readonly stream: string;
  readonly category: string;
  readonly events: number;
  readonly lastRevision: number;
  readonly lastPosition: number;
  readonly lastTime: string | null;
}

export const streamsCommand: Command = {
  name: 'streams',
  summary: 'List the streams with their event counts and last event',
  usage: ['DIR [--json]'],
  description:
    'Lists every stream in order of first appearance: its category, how many events it has, its last\n' +
    'revision and the time of its last event. With --json, one object a line:\n' +
    '{"stream","category","events","lastRevision","lastPosition","lastTime"}.',
  arguments: { required: ['DIR'] },
  options: { json: { ...JSON_OPTION, description: 'One JSON object a line' } },
  async run(args) {
    const json = args.flag('json');
    return withStore(args.positionals[0]!, {}, async (store) => {
      const streams = store.streams();
      const columns = json ? undefined : tableColumns(streams);
      if (columns !== undefined && streams.length > 0) await printLine(columns.header());
      const progress = new Progress(
        'reading streams',
        Boolean(process.stderr.isTTY) && !process.stdout.isTTY,
      );
      try {
        for (let start = 0; start < streams.length; start += BATCH) {
          const summaries = await summarise(store, streams.slice(start, start + BATCH));
          const lines = summaries.map((summary) =>
            columns ? columns.row(summary) : JSON.stringify(summary),
          );
          await writeOut(`${lines.join('\n')}\n`);
          progress.count(start + summaries.length, streams.length, 'streams');
          if (outputClosed()) break;
        }
      } finally {
        progress.clear();
      }
      if (!json && streams.length === 0 && process.stdout.isTTY) process.stderr.write('(no streams)\n');
      return 0;
    });
  },
};

async function summarise(store: EventStore, streams: readonly StreamInfo[]): Promise<StreamSummary[]> {
  const summaries: StreamSummary[] = new Array<StreamSummary>(streams.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < streams.length) {
      const index = next++;
      const info = streams[index]!;
      const page = await store.readStream(info.stream, { direction: 'backwards', limit: 1 });
      const { stream, category, events, lastRevision, lastPosition } = info;
      summaries[index] = {
        stream,
        category,
        events,
        lastRevision,
        lastPosition,
        lastTime: page.events[0]?.time ?? null,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, streams.length) }, worker));
  return summaries;
}

/** The table for people: ids from the folder are escaped for the terminal, and the columns fit them so. */
function tableColumns(streams: readonly StreamInfo[]): {
  header(): string;
  row(summary: StreamSummary): string;
} {
  const widest = (values: string[], title: string, max = Infinity): number =>
    Math.min(
      max,
      values.reduce((most, value) => Math.max(most, value.length), title.length),
    );
  const streamWidth = widest(
    streams.map((s) => forTerminal(s.stream)),
    'STREAM',
    MAX_STREAM_COLUMN,
  );
  const categoryWidth = widest(
    streams.map((s) => forTerminal(s.category)),
    'CATEGORY',
    MAX_STREAM_COLUMN,
  );
  const eventsWidth = widest(
    streams.map((s) => formatCount(s.events)),
    'EVENTS',
  );
  const revisionWidth = widest(
    streams.map((s) => String(s.lastRevision)),
    'LAST REVISION',
  );
  const width = terminalWidth();
  const join = (cells: string[]): string => truncate(cells.join('  '), width);
  return {
    header: () =>
      join([
        'STREAM'.padEnd(streamWidth),
        'CATEGORY'.padEnd(categoryWidth),
        'EVENTS'.padStart(eventsWidth),
        'LAST REVISION'.padStart(revisionWidth),
        'LAST TIME',
      ]),
    row: (summary) =>
      join([
        forTerminal(summary.stream).padEnd(streamWidth),
        forTerminal(summary.category).padEnd(categoryWidth),
        formatCount(summary.events).padStart(eventsWidth),
        String(summary.lastRevision).padStart(revisionWidth),
        forTerminal(summary.lastTime ?? ''),
      ]),
  };
}
