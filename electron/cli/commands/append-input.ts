import type { EventToAppend, ExpectedRevision, JsonValue } from '../../../shared/event.js';
import { StoreError } from '../../../shared/store-error.js';
import { validateExpectedRevision, validateStreamId } from '../../store/event-validation.js';
import { CliFailure } from '../failure.js';
import { parseJsonText } from '../json-input.js';

/** One line of `append --stdin` input, checked. */
export interface InputLine {
  readonly number: number;
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision | undefined;
  readonly event: EventToAppend;
  /** Characters of the line: what a batch of lines holds in memory. */
  readonly size: number;
}

const FIELDS = new Set(['stream', 'type', 'data', 'meta', 'id', 'expectedRevision']);

/**
 * Parses one input line and checks what the import itself needs (a JSON object of known fields, its stream
 * and expectedRevision, with the store's rules): a line that is not even that stops the reading. The event
 * (type, id, data, meta) is checked by the store when its append is prepared, once, and named by its line.
 */
export function parseInputLine(text: string, lineNumber: number): InputLine {
  try {
    return parseLine(text, lineNumber);
  } catch (error) {
    if (error instanceof StoreError) {
      // The store's event checks already name the line (they are given it as `where`); stream checks do not.
      const where = `line ${lineNumber}`;
      throw new CliFailure(error.message.startsWith(where) ? error.message : `${where}: ${error.message}`);
    }
    throw error;
  }
}

function parseLine(text: string, lineNumber: number): InputLine {
  const value = parseJson(text, lineNumber);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliFailure(
      `line ${lineNumber}: expected an object like {"stream":"order-1","type":"Placed","data":{}}`,
    );
  }
  for (const key in value) {
    if (!FIELDS.has(key)) {
      throw new CliFailure(
        `line ${lineNumber}: unknown field "${key}" (the fields are ${[...FIELDS].join(', ')})`,
      );
    }
  }
  const stream = validateStreamId(value.stream);
  const expectedRevision =
    value.expectedRevision === undefined ? undefined : validateExpectedRevision(value.expectedRevision);
  // The parsed object is the event: the store reads type, id, data and meta, and nothing else of it.
  const event = value as unknown as EventToAppend;
  return { number: lineNumber, stream, expectedRevision, event, size: text.length };
}

/** JSON.parse, with the line named only when it fails (an import parses millions of lines). */
function parseJson(text: string, lineNumber: number): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    // Parsed again to say where and why it fails, in the words the CLI uses for any JSON it is given.
    return parseJsonText(text, `line ${lineNumber}`);
  }
}
