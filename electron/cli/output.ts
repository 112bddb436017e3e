import { forTerminal } from './terminal-text.js';

let stdoutClosed = false;
let markClosed!: () => void;
const closed = new Promise<void>((resolve) => (markClosed = resolve));

/**
 * Everything the CLI prints goes through here: data to stdout (with backpressure, so that a slow pipe
 * does not make a large read buffer everything in memory), messages to stderr.
 */
export async function writeOut(text: string): Promise<void> {
  if (stdoutClosed) return;
  if (!process.stdout.write(text)) {
    await Promise.race([new Promise((resolve) => process.stdout.once('drain', resolve)), closed]);
  }
}

export function printLine(text: string): Promise<void> {
  return writeOut(`${text}\n`);
}

export function printJson(value: unknown): Promise<void> {
  return writeOut(`${JSON.stringify(value)}\n`);
}

export function printError(message: string): void {
  // One line per message: scripts and people both read errors line by line. A message may quote the
  // folder (a stream id in a damage report): escaped like every other text from it.
  process.stderr.write(`eventfold: ${forTerminal(message.replace(/\s*\n\s*/g, ' '))}\n`);
}

/**
 * `eventfold read | head` closes stdout early: that is the reader saying it has enough, not an error.
 * Output stops; commands that only print stop early (see `outputClosed`), and an append still finishes.
 */
export function watchForClosedOutput(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      stdoutClosed = true;
      markClosed();
      return;
    }
    printError(`cannot write the output: ${error.message}`);
    process.exit(1);
  });
}

/** True once whoever reads stdout has gone away. */
export function outputClosed(): boolean {
  return stdoutClosed;
}

/** Columns of the terminal stdout is, or undefined when it is a pipe or a file (then nothing is cut). */
export function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns : undefined;
}

/** Cuts text to a width, marking the cut; counts UTF-16 units, close enough for a terminal line. */
export function truncate(text: string, width: number | undefined): string {
  if (width === undefined || text.length <= width) return text;
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}
