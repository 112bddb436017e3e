import type { RecordedEvent } from '../../../shared/event.js';
import {
  matchesCondition,
  parseValueConditions,
  ValueConditionError,
  type ValueCondition,
} from '../../../shared/value-filter.js';
import type { EventStore, ReadPage } from '../../store/index.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { JSON_OPTION, type Command } from '../command.js';
import { eventJson, EventText } from '../event-text.js';
import { withStore } from '../open-store.js';
import { outputClosed, terminalWidth, writeOut } from '../output.js';
import { Interrupt } from '../interrupt.js';
import { Progress } from '../progress.js';
import { followEvents } from './read-follow.js';

/** Events a page: enough to amortise each read, few enough that memory stays flat on any folder. */
const PAGE = 1000;

export interface ReadQuery {
  readonly stream: string | undefined;
  readonly category: string | undefined;
  readonly types: readonly string[] | undefined;
  /** Conditions on fields' values (--where), all of which an event must pass. */
  readonly where: readonly ValueCondition[];
  /** A position, or with a stream a revision. */
  readonly from: number | undefined;
  readonly limit: number;
  readonly backwards: boolean;
}

export type PrintEvents = (events: readonly RecordedEvent[]) => Promise<void>;

export const readCommand: Command = {
  name: 'read',
  summary: 'Print events: all, of a stream or a category, by type; or follow new ones',
  usage: [
    'DIR [--stream S | --category C] [--type T]... [--where COND]... [--from POSITION] [--limit N] [--backwards] [--follow] [--json]',
  ],
  description:
    'Prints events in log order, one a line: position, time, stream@revision, type and data, or with\n' +
    '--json exactly {"position","stream","revision","id","type","time","data","meta"}.\n' +
    'Reads page by page, so any folder size works, and `| head` stops it early.\n' +
    "--where filters by a field's value, as the app's log does: data.customer.id = user-42,\n" +
    'data.total > 100 (also >=, <, <=, !=), data.note contains gift, data.note exists, data.note not exists.\n' +
    'A value is JSON when it reads as JSON (42, true, "text"), else the text as written.\n' +
    'With --follow it then keeps printing events as they are appended, by this or any other process,\n' +
    'until interrupted (Ctrl-C).',
  arguments: { required: ['DIR'] },
  options: {
    stream: { type: 'string', value: 'S', description: 'Only stream S; --from is then a revision' },
    category: {
      type: 'string',
      value: 'C',
      description: 'Only streams of category C (the part before the first -)',
    },
    type: {
      type: 'string',
      value: 'T',
      multiple: true,
      description: 'Only events of type T (repeat for several)',
    },
    where: {
      type: 'string',
      value: 'COND',
      multiple: true,
      description: "Only events whose field passes COND, e.g. 'data.total > 100' (repeat: all must pass)",
    },
    from: {
      type: 'string',
      value: 'POSITION',
      description: 'Start here (inclusive): a position, or a revision with --stream',
    },
    limit: { type: 'string', value: 'N', description: 'Print at most N events' },
    backwards: { type: 'boolean', description: 'Newest first (from the end, or back from --from)' },
    follow: { type: 'boolean', short: 'f', description: 'Keep printing new events until interrupted' },
    json: { ...JSON_OPTION, description: 'One JSON object a line' },
  },
  examples: [
    'eventfold read ./journal --category order --type OrderPlaced --json',
    'eventfold read ./journal --backwards --limit 10',
    'eventfold read ./journal --stream order-42 --follow',
    "eventfold read ./journal --category order --where 'data.total >= 100' --where 'data.note exists'",
  ],
  async run(args) {
    const dir = args.positionals[0]!;
    const query = parseQuery(args);
    const follow = args.flag('follow');
    if (follow && query.backwards)
      throw new UsageError('--follow reads forwards; it cannot be combined with --backwards');
    const interrupt = follow ? new Interrupt() : undefined;
    try {
      // A JSON read of $all from the start can begin while a large cold folder is still being indexed;
      // the text view needs the last position for its columns, and following needs the true end.
      const progressive =
        !follow &&
        args.flag('json') &&
        !query.backwards &&
        query.stream === undefined &&
        query.category === undefined &&
        query.types === undefined &&
        query.where.length === 0;
      return await withStore(dir, { watch: follow, progressive }, async (store) => {
        const print = printer(store, args.flag('json'));
        const read = await readPages(store, query, print, interrupt);
        if (interrupt !== undefined && read.printed < query.limit && !outputClosed()) {
          await followEvents(store, query, read.scannedTo, query.limit - read.printed, print, interrupt);
        } else if (read.printed === 0 && process.stdout.isTTY && !args.flag('json')) {
          process.stderr.write('(no events)\n');
        }
        return 0;
      });
    } finally {
      interrupt?.dispose();
    }
  },
};

function parseQuery(args: ParsedArgs): ReadQuery {
  const stream = args.string('stream');
  const category = args.string('category');
  if (stream !== undefined && category !== undefined) {
    throw new UsageError('give --stream or --category, not both (a stream belongs to one category)');
  }
  const types = args.strings('type');
  return {
    stream,
    category,
    types: types.length === 0 ? undefined : types,
    where: whereConditions(args.strings('where')),
    from: args.integer('from', stream === undefined ? 1 : 0),
    limit: args.integer('limit', 1) ?? Infinity,
    backwards: args.flag('backwards'),
  };
}

/** The --where conditions, or a usage error naming the one that does not parse and where. */
function whereConditions(texts: readonly string[]): ValueCondition[] {
  try {
    return parseValueConditions(texts);
  } catch (error) {
    if (error instanceof ValueConditionError) throw new UsageError(`--where ${error.message}`);
    throw error;
  }
}

function printer(store: EventStore, json: boolean): PrintEvents {
  const text = new EventText(String(store.lastPosition).length, terminalWidth());
  return async (events) => {
    if (events.length === 0) return;
    const lines = json ? events.map(eventJson) : text.lines(events);
    await writeOut(`${lines.join('\n')}\n`);
  };
}

/**
 * Prints the events the query asks for as they are now. `scannedTo` is the last position the read
 * covered, where following picks up.
 */
async function readPages(
  store: EventStore,
  query: ReadQuery,
  print: PrintEvents,
  interrupt: Interrupt | undefined,
): Promise<{ printed: number; scannedTo: number }> {
  // Progress would garble a terminal that is showing the events; it is for reads into a pipe or file.
  const progress = new Progress('reading', Boolean(process.stderr.isTTY) && !process.stdout.isTTY);
  const direction = query.backwards ? 'backwards' : 'forwards';
  const typeSet = query.types === undefined ? undefined : new Set(query.types);
  let printed = 0;
  let from = query.from;
  let scannedTo: number;
  let interrupted = false;
  void interrupt?.signalled.then(() => (interrupted = true));
  const total = progressTotal(progress, store, query);
  try {
    for (;;) {
      const limit = Math.min(PAGE, query.limit - printed);
      // Read synchronously with the call: the page covers the log exactly as it stood at this moment.
      scannedTo = store.lastPosition;
      let page: ReadPage;
      if (query.stream === undefined) {
        page = await store.readAll({
          direction,
          limit,
          ...(from === undefined ? {} : { from }),
          ...(query.category === undefined ? {} : { category: query.category }),
          ...(query.types === undefined ? {} : { types: query.types }),
        });
      } else {
        page = await store.readStream(query.stream, {
          direction,
          limit,
          ...(from === undefined ? {} : { fromRevision: from }),
        });
      }
      // A stream is read by revision, so its type filter applies here, as --where does: a page may print
      // fewer than it read.
      const events = page.events.filter(
        (event) =>
          (typeSet === undefined || typeSet.has(event.type)) &&
          query.where.every((condition) => matchesCondition(event, condition)),
      );
      await print(events);
      printed += events.length;
      if (page.next === null || printed >= query.limit || interrupted || outputClosed()) break;
      from = page.next;
      const done = query.backwards ? total - page.next : page.next - (query.stream === undefined ? 1 : 0);
      progress.count(done, total, 'events');
    }
  } finally {
    progress.clear();
  }
  return { printed, scannedTo: Math.max(scannedTo, query.stream === undefined ? (query.from ?? 1) - 1 : 0) };
}

/** Events the read may go through: the whole log, or the whole stream (its revisions are what `next` counts). */
function progressTotal(progress: Progress, store: EventStore, query: ReadQuery): number {
  if (!progress.enabled) return 0;
  if (query.stream === undefined) return store.lastPosition;
  return store.streams().find((info) => info.stream === query.stream)?.events ?? 0;
}
