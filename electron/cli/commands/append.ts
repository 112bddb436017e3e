import fs from 'node:fs';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../../../shared/event.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { JSON_OPTION, type Command } from '../command.js';
import { inputLines, type InputChunk } from '../input-lines.js';
import { Interrupt } from '../interrupt.js';
import { parseJsonText } from '../json-input.js';
import { withStore } from '../open-store.js';
import { printJson, printLine } from '../output.js';
import { Progress } from '../progress.js';
import { plural } from '../units.js';
import { MAX_APPEND_EVENTS } from './import-batch.js';
import { importLines, MAX_ATOMIC_INPUT_BYTES } from './stdin-import.js';

const SINGLE_EVENT_OPTIONS = ['data', 'meta', 'id', 'expected-revision'] as const;

export const appendCommand: Command = {
  name: 'append',
  summary: 'Append an event, or JSON lines of events from stdin',
  usage: [
    'DIR STREAM TYPE [--data JSON] [--meta JSON] [--id UUID] [--expected-revision N|any|no-stream|exists] [--json]',
    'DIR --stdin [--atomic] [--json]',
  ],
  description:
    'Appends one event of type TYPE to STREAM and prints its position and revision once it is on disk.\n' +
    'With --expected-revision the append happens only if the stream is at that revision (a number),\n' +
    'has no events (no-stream) or has some (exists); otherwise it exits with code 3.\n\n' +
    'With --stdin, each input line is a JSON object\n' +
    '  {"stream": "...", "type": "...", "data"?: ..., "meta"?: ..., "id"?: "uuid", "expectedRevision"?: ...}\n' +
    'and the events are appended in input order: their positions follow the lines, across streams. Blank\n' +
    'lines are skipped. The input is streamed (memory stays flat whatever its size); a terminal shows\n' +
    'progress.\n\n' +
    'Atomicity: consecutive lines of one stream form one all-or-nothing append (up to ' +
    `${MAX_APPEND_EVENTS} events), checked\n` +
    'against the expectedRevision of its first line; a line with a numeric or no-stream expectedRevision\n' +
    'starts a new append. The import stops at the first line that is bad or cannot be appended (exit 3 for\n' +
    'a wrong expected revision): every line before it is stored, none after it, and the message names the\n' +
    'line and what was appended. Lines with ids can be run again: an event already stored with the same id\n' +
    'and content is not appended twice, so an interrupted import is resumed by running it again.\n\n' +
    'With --atomic, the whole input is one all-or-nothing append across streams: any bad line or failed\n' +
    `expectation appends nothing. It holds the input in memory, so it takes at most ${MAX_ATOMIC_INPUT_BYTES / 1024 / 1024} MiB.`,
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
    atomic: {
      type: 'boolean',
      description: `With --stdin: all lines or none, across streams (input up to ${MAX_ATOMIC_INPUT_BYTES / 1024 / 1024} MiB)`,
    },
    json: {
      ...JSON_OPTION,
      description: 'Print the append result as JSON (with --stdin: one line an append, with its input lines)',
    },
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
  if (args.flag('atomic')) throw new UsageError('--atomic goes with --stdin (one event is always atomic)');
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
  if (process.stdin.isTTY) process.stderr.write('Reading JSON lines of events; end the input with Ctrl-D.\n');
  const json = args.flag('json');
  const atomic = args.flag('atomic');
  const inputBytes = regularFileSize(0);
  const progress = new Progress('appending');
  const interrupt = new Interrupt();
  // A read blocked on a terminal or a quiet pipe must end too when the user asks to stop.
  void interrupt.signalled.then(() => process.stdin.destroy());
  try {
    const tally = await withStore(dir, {}, (store) =>
      importLines(store, stoppable(inputLines(process.stdin), interrupt), {
        atomic,
        json,
        interrupted: interrupt.signalled,
        onProgress: (sofar, bytesRead) => {
          const amount = (): string => `${plural(sofar.linesRead, 'line')} read; ${sofar.events()}`;
          if (inputBytes === undefined) progress.sofar(amount);
          else progress.bytes(bytesRead, inputBytes);
        },
      }),
    );
    progress.clear();
    if (!json) await printLine(`Read ${plural(tally.linesRead, 'line')}: appended ${tally.events()}`);
    return 0;
  } finally {
    progress.clear();
    interrupt.dispose();
  }
}

/** Size of the file behind a descriptor (stdin redirected from a file), for progress; undefined for a pipe. */
function regularFileSize(fd: number): number | undefined {
  try {
    const stat = fs.fstatSync(fd);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/** The input's chunks until the user interrupts (stdin destroyed then ends the loop, not as an error). */
async function* stoppable(
  chunks: AsyncIterable<InputChunk>,
  interrupt: Interrupt,
): AsyncGenerator<InputChunk> {
  let stopped = false;
  void interrupt.signalled.then(() => (stopped = true));
  try {
    for await (const chunk of chunks) yield chunk;
  } catch (error) {
    if (!stopped) throw error;
  }
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
