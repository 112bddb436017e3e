import type { EventStore } from '../../store/index.js';
import { JSON_OPTION, type Command } from '../command.js';
import { withStore } from '../open-store.js';
import { printJson, printLine } from '../output.js';
import { forTerminal } from '../terminal-text.js';
import { formatBytes, formatCount } from '../units.js';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Count events, streams, bytes and event types',
  usage: ['DIR [--json]'],
  description:
    'Prints how many events and streams the folder holds, how many segment files and bytes the log\n' +
    'takes, the time of the first and the last event, and every event type with its count (most first).',
  arguments: { required: ['DIR'] },
  options: { json: { ...JSON_OPTION, description: 'Print the statistics as one JSON object' } },
  async run(args) {
    const dir = args.positionals[0]!;
    const stats = await withStore(dir, {}, (store) => collect(store));
    if (args.flag('json')) {
      await printJson(stats);
      return 0;
    }
    const rows: [string, string][] = [
      ['events', formatCount(stats.events)],
      ['streams', formatCount(stats.streams)],
      ['segments', formatCount(stats.segments)],
      ['bytes', `${formatCount(stats.bytes)}${stats.bytes >= 1024 ? ` (${formatBytes(stats.bytes)})` : ''}`],
      ['first event', forTerminal(stats.firstTime ?? '-')],
      ['last event', forTerminal(stats.lastTime ?? '-')],
      ['event types', formatCount(stats.types.length)],
    ];
    for (const [label, value] of rows) await printLine(`${label.padEnd(12)} ${value}`);
    // Types come from the folder: shown escaped, in a column as wide as what is shown.
    const types = stats.types.map(({ type, events }) => ({ type: forTerminal(type), events }));
    const typeWidth = types.reduce((most, { type }) => Math.max(most, type.length), 0);
    const countWidth = formatCount(types[0]?.events ?? 0).length;
    for (const { type, events } of types) {
      await printLine(`  ${type.padEnd(typeWidth)}  ${formatCount(events).padStart(countWidth)}`);
    }
    return 0;
  },
};

export interface FolderStats {
  readonly events: number;
  readonly streams: number;
  readonly segments: number;
  /** Bytes of the segment files: the log itself, without the cache. */
  readonly bytes: number;
  readonly firstTime: string | null;
  readonly lastTime: string | null;
  /** Most frequent first. */
  readonly types: readonly { readonly type: string; readonly events: number }[];
}

async function collect(store: EventStore): Promise<FolderStats> {
  const streams = store.streams();
  const files = store.segmentFiles();
  const [first, last] = await Promise.all([
    store.readAll({ limit: 1 }),
    store.readAll({ direction: 'backwards', limit: 1 }),
  ]);
  return {
    events: streams.reduce((sum, stream) => sum + stream.events, 0),
    streams: streams.length,
    segments: files.length,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    firstTime: first.events[0]?.time ?? null,
    lastTime: last.events[0]?.time ?? null,
    types: store.eventTypes().filter((type) => type.events > 0),
  };
}
