import { createInterface } from 'node:readline';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../../../shared/event.js';
import type { EventStore } from '../../store/index.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { JSON_OPTION, type Command } from '../command.js';
import { exitCodeFor, messageOf } from '../error-report.js';
import { CliFailure, EXIT_ERROR, EXIT_WRONG_EXPECTED_REVISION } from '../failure.js';
import { parseJsonText } from '../json-input.js';
import { withStore } from '../open-store.js';
import { printError, printJson, printLine } from '../output.js';
import { Progress } from '../progress.js';
import { plural } from '../units.js';
import { AppendInput, type StreamAppend } from './append-input.js';

const SINGLE_EVENT_OPTIONS = ['data', 'meta', 'id', 'expected-revision'] as const;

export const appendCommand: Command = {
  name: 'append',
  summary: 'Append an event, or JSON lines of events from stdin',
  usage: [
    'DIR STREAM TYPE [--data JSON] [--meta JSON] [--id UUID] [--expected-revision N|any|no-stream|exists] [--json]',
    'DIR --stdin [--json]',
  ],
  description:
    'Appends one event of type TYPE to STREAM and prints its position and revision once it is on disk.\n' +
    'With --expected-revision the append happens only if the stream is at that revision (a number),\n' +
    'has no events (no-stream) or has some (exists); otherwise it exits with code 3.\n\n' +
    'With --stdin, each input line is a JSON object\n' +
    '  {"stream": "...", "type": "...", "data"?: ..., "meta"?: ..., "id"?: "uuid", "expectedRevision"?: ...}\n' +
    'Blank lines are skipped. Every line is checked before anything is appended: one bad line appends\n' +
    'nothing. The events of one stream are appended together, all or nothing, checked against the\n' +
    "expectedRevision of that stream's first line; streams are appended in the order they first appear.\n" +
    'When a stream cannot be appended (exit 3 for a wrong expected revision), the output lists the\n' +
    'streams that were: appends already under way complete, no new ones start.',
  arguments: { required: ['DIR'], optional: ['STREAM', 'TYPE'] },
  options: {
    data: { type: 'string', value: 'JSON', description: 'The event data (default {})' },
    meta: { type: 'string', value: 'JSON', description: 'The event metadata (default {})' },
    id: {
      type: 'string',
      value: 'UUID',
      description: 'The event id; appending the same id and content again does nothing',
    },
    'expected-revision': {
      type: 'string',
      value: 'N|any|no-stream|exists',
      description: 'Append only if the stream is in this state (default any)',
    },
    stdin: { type: 'boolean', description: 'Read JSON lines of events from standard input' },
    json: { ...JSON_OPTION, description: 'Print the append result as JSON' },
  },
  examples: [
    `eventfold append ./journal order-42 OrderPlaced --data '{"total": 12.5}' --expected-revision no-stream`,
    `printf '%s\\n' '{"stream":"order-1","type":"Placed"}' '{"stream":"order-1","type":"Paid"}' | eventfold append ./journal --stdin`,
  ],
  run: (args) => (args.flag('stdin') ? appendFromStdin(args) : appendOne(args)),
};

async function appendOne(args: ParsedArgs): Promise<number> {
  const [dir, stream, type] = args.positionals as [string, string | undefined, string | undefined];
  if (stream === undefined)
    throw new UsageError('missing STREAM and TYPE (or --stdin to read events from stdin)');
  if (type === undefined) throw new UsageError('missing TYPE');
  const event: EventToAppend = {
    type,
    ...optionalJson(args, 'data'),
    ...optionalJson(args, 'meta'),
    ...(args.has('id') ? { id: args.string('id')! } : {}),
  };
  const expectedRevision = parseExpectedRevision(args.string('expected-revision'));
  const result = await withStore(dir, {}, (store) =>
    store.appendToStream(stream, [event], { expectedRevision }),
  );
  if (args.flag('json')) await printJson(result);
  else await printLine(describeAppend(stream, 1, result));
  return 0;
}

function optionalJson(args: ParsedArgs, name: 'data' | 'meta'): Pick<EventToAppend, 'data' | 'meta'> {
  const text = args.string(name);
  return text === undefined ? {} : { [name]: parseJsonText(text, `--${name}`) };
}

export function parseExpectedRevision(text: string | undefined): ExpectedRevision {
  if (text === undefined) return 'any';
  if (text === 'any' || text === 'no-stream' || text === 'exists') return text;
  const revision = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(revision)) {
    throw new UsageError(
      `--expected-revision must be a revision (0, 1, …), any, no-stream or exists, not "${text}"`,
    );
  }
  return revision;
}

async function appendFromStdin(args: ParsedArgs): Promise<number> {
  const [dir, ...extra] = args.positionals as [string, ...string[]];
  if (extra.length > 0) {
    throw new UsageError(
      `with --stdin, give only DIR: each input line names its stream and type (got "${extra.join(' ')}")`,
    );
  }
  const conflicting = SINGLE_EVENT_OPTIONS.find((name) => args.has(name));
  if (conflicting !== undefined) {
    throw new UsageError(
      `--${conflicting} cannot be combined with --stdin; put it in each input line instead`,
    );
  }
  const appends = await readInput();
  const json = args.flag('json');
  const events = appends.reduce((sum, append) => sum + append.events.length, 0);
  await withStore(dir, {}, (store) => appendGroups(store, appends, json));
  if (!json) await printLine(`Appended ${plural(events, 'event')} to ${plural(appends.length, 'stream')}`);
  return 0;
}

async function readInput(): Promise<StreamAppend[]> {
  if (process.stdin.isTTY) process.stderr.write('Reading JSON lines of events; end the input with Ctrl-D.\n');
  const input = new AppendInput();
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    input.add(line, ++lineNumber);
  }
  return input.appends;
}

/** Streams submitted at once: their appends share writes and syncs (group commit), still in input order. */
const WINDOW = 256;

interface Failure {
  readonly append: StreamAppend;
  readonly error: unknown;
}

/**
 * Each stream is one all-or-nothing append. Streams go in windows: after a window with a failure no more
 * are started, while the rest of that window still completes, and the output says which went where.
 */
async function appendGroups(
  store: EventStore,
  appends: readonly StreamAppend[],
  json: boolean,
): Promise<void> {
  const progress = new Progress('appending');
  const failures: Failure[] = [];
  let submitted = 0;
  let appended = 0;
  try {
    while (submitted < appends.length && failures.length === 0) {
      const window = appends.slice(submitted, submitted + WINDOW);
      submitted += window.length;
      const outcomes = await Promise.allSettled(
        window.map((append) =>
          store.appendToStream(append.stream, append.events, { expectedRevision: append.expectedRevision }),
        ),
      );
      progress.clear();
      for (const [i, outcome] of outcomes.entries()) {
        const append = window[i]!;
        if (outcome.status === 'rejected') {
          failures.push({ append, error: outcome.reason });
          continue;
        }
        appended++;
        if (json) await printJson({ stream: append.stream, events: append.events.length, ...outcome.value });
        else await printLine(describeAppend(append.stream, append.events.length, outcome.value));
      }
      progress.count(submitted, appends.length, 'streams');
    }
  } finally {
    progress.clear();
  }
  if (failures.length === 0) return;
  for (const failure of failures.slice(0, -1)) printError(describeFailure(failure));
  const last = failures.at(-1)!;
  const notStarted = appends.length - submitted;
  const outcome =
    (appended === 0 ? 'no other stream was appended' : `${plural(appended, 'other stream')} appended`) +
    (notStarted > 0 ? `, ${plural(notStarted, 'stream')} after it not attempted` : '') +
    (failures.length > 1 ? ` (${failures.length} streams failed)` : '');
  const allConflicts = failures.every(
    (failure) => exitCodeFor(failure.error) === EXIT_WRONG_EXPECTED_REVISION,
  );
  throw new CliFailure(
    `${describeFailure(last)}; ${outcome}`,
    allConflicts ? EXIT_WRONG_EXPECTED_REVISION : EXIT_ERROR,
  );
}

function describeFailure({ append, error }: Failure): string {
  const lines = append.lines.length === 1 ? `line ${append.lines[0]}` : `lines ${append.lines.join(', ')}`;
  return `stream "${append.stream}" (${lines}): ${messageOf(error)}`;
}

function describeAppend(stream: string, events: number, result: AppendResult): string {
  const positions =
    result.firstPosition === result.lastPosition
      ? `position ${result.firstPosition}`
      : `positions ${result.firstPosition}-${result.lastPosition}`;
  if (result.duplicate) return `Already in ${stream} at ${positions} (same ids and content); nothing written`;
  const first = result.nextExpectedRevision - events + 1;
  const revisions = events === 1 ? `revision ${first}` : `revisions ${first}-${result.nextExpectedRevision}`;
  return `Appended to ${stream} at ${revisions}, ${positions}`;
}
