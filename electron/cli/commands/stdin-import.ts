import type { AppendResult } from '../../../shared/event.js';
import type { StoreError } from '../../../shared/store-error.js';
import { AppendManyError, type EventStoreApi } from '../../store/index.js';
import { exitCodeFor } from '../error-report.js';
import { CliFailure, EXIT_ERROR, EXIT_WRONG_EXPECTED_REVISION } from '../failure.js';
import type { InputChunk } from '../input-lines.js';
import { printJson } from '../output.js';
import { parseInputLine } from './append-input.js';
import { ImportTally } from './import-tally.js';
import { ImportBatch, type BatchAppend } from './import-batch.js';

/** How much input `--atomic` takes: all of it is held in memory until the one append. */
export const MAX_ATOMIC_INPUT_BYTES = 32 * 1024 * 1024;

export interface ImportOptions {
  /** The whole input as one append across streams: all of it or nothing. */
  readonly atomic: boolean;
  /** Print each append's result as a JSON line. */
  readonly json: boolean;
  /** Told after each chunk of input is read and each batch appended. */
  readonly onProgress: (tally: ImportTally, bytesRead: number) => void;
  /** Resolves when the user asks to stop (Ctrl-C): reading stops, what was read is appended. */
  readonly interrupted: Promise<void>;
}

/**
 * Appends JSON lines of events in input order, streaming: lines are read, checked and gathered into a
 * batch; a full batch is appended (one appendMany: one write, one sync) while the next is read; reading
 * waits while a batch is being appended and the next one is full, so memory holds two batches at most,
 * whatever the size of the input. The first line that cannot be appended stops the import: every line
 * before it is stored, none after it; the failure says so, and where to go on from.
 */
export async function importLines(
  store: EventStoreApi,
  chunks: AsyncIterable<InputChunk>,
  options: ImportOptions,
): Promise<ImportTally> {
  const tally = new ImportTally();
  let stop: 'interrupted' | undefined;
  void options.interrupted.then(() => (stop = 'interrupted'));
  let batch = new ImportBatch();
  let inFlight: Promise<void> = Promise.resolve();
  // A failed append is kept here, not left as a rejected promise while the next batch is read.
  const appending: { failed: CliFailure | undefined } = { failed: undefined };
  let badLine: CliFailure | undefined;
  let lineNumber = 0;
  let bytesRead = 0;

  const submit = (full: ImportBatch): void => {
    inFlight = appendBatch(store, full, tally, options).then(
      () => options.onProgress(tally, bytesRead),
      (error: unknown) => {
        appending.failed = failureOf(error, full, tally, options.atomic);
      },
    );
  };

  /** Waits for the batch being appended; throws its failure, if it failed. */
  const settled = async (): Promise<void> => {
    await inFlight;
    if (appending.failed !== undefined) throw appending.failed;
  };

  reading: for await (const chunk of chunks) {
    bytesRead += chunk.bytes;
    for (const text of chunk.lines) {
      lineNumber++;
      if (isBlank(text)) continue;
      try {
        batch.add(parseInputLine(text, lineNumber));
      } catch (error) {
        if (!(error instanceof CliFailure)) throw error;
        badLine = error;
        break reading;
      }
      if (options.atomic) {
        if (batch.chars > MAX_ATOMIC_INPUT_BYTES) throw atomicTooLarge(lineNumber);
      } else if (batch.full) {
        await inFlight;
        if (appending.failed !== undefined) break reading;
        submit(batch);
        batch = new ImportBatch();
      }
    }
    tally.linesRead = lineNumber;
    options.onProgress(tally, bytesRead);
    if (stop !== undefined || appending.failed !== undefined) break;
  }
  await settled();
  if (badLine !== undefined && options.atomic) {
    throw new CliFailure(`${badLine.message}; nothing was appended (--atomic)`, badLine.exitCode);
  }
  if (!batch.empty) {
    submit(batch);
    await settled();
  }
  if (badLine !== undefined) throw stoppedAt(badLine, lineNumber, tally);
  if (stop === 'interrupted') {
    throw new CliFailure(`interrupted after line ${lineNumber}: ${tally.describe()}`, 130);
  }
  return tally;
}

async function appendBatch(
  store: EventStoreApi,
  batch: ImportBatch,
  tally: ImportTally,
  options: ImportOptions,
): Promise<void> {
  let results: AppendResult[];
  try {
    results = await store.appendMany(batch.appends, { atomic: options.atomic });
  } catch (error) {
    if (error instanceof AppendManyError) await record(batch.appends, error.appended, tally, options);
    throw error;
  }
  await record(batch.appends, results, tally, options);
}

async function record(
  appends: readonly BatchAppend[],
  results: readonly AppendResult[],
  tally: ImportTally,
  options: ImportOptions,
): Promise<void> {
  for (let i = 0; i < results.length; i++) {
    const append = appends[i]!;
    const result = results[i]!;
    tally.add(append, result);
    if (options.json) {
      await printJson({
        stream: append.stream,
        events: append.events.length,
        lines: [append.lines[0], append.lines.at(-1)],
        ...result,
      });
    }
  }
}

/** The message of an append that failed: its line, why, what was stored before it, and how to go on. */
function failureOf(error: unknown, batch: ImportBatch, tally: ImportTally, atomic: boolean): CliFailure {
  if (!(error instanceof AppendManyError)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new CliFailure(`${reason}; ${tally.describe()}`, exitCodeFor(error));
  }
  const append = batch.appends[error.failedAt]!;
  const what = lineAndReason(error.cause, append);
  const code =
    exitCodeFor(error.cause) === EXIT_WRONG_EXPECTED_REVISION ? EXIT_WRONG_EXPECTED_REVISION : EXIT_ERROR;
  if (atomic) return new CliFailure(`${what}; nothing was appended (--atomic)`, code);
  const first = append.lines[0]!;
  const together =
    append.lines.length > 1
      ? ` (lines ${first}-${append.lines.at(-1)!} of stream "${append.stream}" are one append)`
      : '';
  return new CliFailure(
    `${what}; ${tally.describe()}, nothing from line ${first} on${together}. ` + resumeHint(first),
    code,
  );
}

function stoppedAt(bad: CliFailure, line: number, tally: ImportTally): CliFailure {
  return new CliFailure(
    `${bad.message}; ${tally.describe()}, nothing from line ${line} on. ${resumeHint(line)}`,
  );
}

function resumeHint(line: number): string {
  return (
    `To go on, put line ${line} right and run the input again from it (tail -n +${line}), ` +
    'or run the whole input again if every line has an id'
  );
}

/** The error of an append, as "line N: what is wrong", N being the line it is about. */
function lineAndReason(cause: StoreError, append: BatchAppend): string {
  const first = append.lines[0]!;
  const { details } = cause;
  // The store names a bad event by its line already (BatchAppend.eventNames).
  if (typeof details.event === 'number' && cause.message.startsWith('line ')) return cause.message;
  if (cause.code === 'DuplicateEventId') {
    const pair = details.events;
    if (Array.isArray(pair) && pair.length === 2) {
      const [a, b] = pair as [number, number];
      return (
        `line ${append.lines[b - 1] ?? first}: event id ${String(details.id)} is already used on ` +
        `line ${append.lines[a - 1] ?? first} for stream "${append.stream}"`
      );
    }
    const index = typeof details.event === 'number' ? details.event - 1 : 0;
    return `line ${append.lines[index] ?? first}: ${cause.message}`;
  }
  return `line ${first}: ${cause.message}`;
}

function atomicTooLarge(line: number): CliFailure {
  return new CliFailure(
    `line ${line}: the input passes ${MAX_ATOMIC_INPUT_BYTES / 1024 / 1024} MiB, the most --atomic takes ` +
      '(it holds everything in memory until the one append); nothing was appended. Without --atomic, ' +
      'consecutive lines of one stream are each one all-or-nothing append',
  );
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // A line of JSON starts with '{' (or is bad input, which the parser names): only others need a look.
  return first !== 123 && text.trim() === '';
}
