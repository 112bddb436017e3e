import { StringDecoder } from 'node:string_decoder';
import { CliFailure } from './failure.js';

/** No event's line can be this long (an event is at most 1 MiB stored): a longer one is refused, not held. */
export const MAX_INPUT_LINE_BYTES = 16 * 1024 * 1024;

/** Text read from the input: its complete lines, and how many bytes they took (for progress). */
export interface InputChunk {
  readonly lines: readonly string[];
  readonly bytes: number;
}

/**
 * The lines of a text input, a chunk at a time. The next chunk is read only when the caller asks for it,
 * so a caller that waits (for its appends to be stored) holds the reading back: memory stays the size of
 * a chunk or two, whatever the size of the input. A last line without a newline is a line all the same
 * (the input has ended: nothing more will be added to it). `\r\n` ends a line like `\n`.
 */
export async function* inputLines(input: AsyncIterable<string | Buffer>): AsyncGenerator<InputChunk> {
  let partial = '';
  let lineNumber = 0;
  // A chunk may end inside a character of several bytes: the decoder keeps those bytes for the next one.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    const text = partial + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      lines.push(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
      start = end + 1;
    }
    partial = text.slice(start);
    lineNumber += lines.length;
    if (partial.length > MAX_INPUT_LINE_BYTES) {
      throw new CliFailure(
        `line ${lineNumber + 1} is longer than ${MAX_INPUT_LINE_BYTES / 1024 / 1024} MiB without ending; ` +
          'no event is that large (an event takes at most 1 MiB stored)',
      );
    }
    yield { lines, bytes: Buffer.byteLength(chunk) };
  }
  partial += decoder.end();
  if (partial !== '') yield { lines: [partial.endsWith('\r') ? partial.slice(0, -1) : partial], bytes: 0 };
}
