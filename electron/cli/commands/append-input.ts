import type { EventToAppend, ExpectedRevision } from '../../../shared/event.js';
import { describeRevision, StoreError } from '../../../shared/store-error.js';
import {
  assertEventFits,
  prepareEvent,
  validateExpectedRevision,
  validateStreamId,
} from '../../store/event-validation.js';
import { CliFailure } from '../failure.js';
import { parseJsonText } from '../json-input.js';

/** The events of one stream in the input: appended together, all or nothing. */
export interface StreamAppend {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: EventToAppend[];
  /** Input line of each event, for messages. */
  readonly lines: number[];
}

interface InputLine {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision | undefined;
  readonly event: EventToAppend;
  readonly id: string | undefined;
}

const FIELDS = new Set(['stream', 'type', 'data', 'meta', 'id', 'expectedRevision']);

/**
 * Checks every line of `--stdin` input with the store's own rules and groups the events by stream in
 * input order. Nothing is appended until all of it is known to be good, so one bad line appends nothing.
 */
export class AppendInput {
  private readonly groups = new Map<string, StreamAppend & { ids: Map<string, number> }>();

  get appends(): StreamAppend[] {
    return [...this.groups.values()].map(({ stream, expectedRevision, events, lines }) => ({
      stream,
      expectedRevision,
      events,
      lines,
    }));
  }

  add(text: string, lineNumber: number): void {
    if (text.trim() === '') return;
    const line = atLine(lineNumber, () => parseLine(text, lineNumber));
    const group = this.groups.get(line.stream);
    if (group === undefined) {
      this.groups.set(line.stream, {
        stream: line.stream,
        expectedRevision: line.expectedRevision ?? 'any',
        events: [line.event],
        lines: [lineNumber],
        ids: new Map(line.id === undefined ? [] : [[line.id, lineNumber]]),
      });
      return;
    }
    if (line.expectedRevision !== undefined) checkFollows(group, line.expectedRevision, lineNumber);
    if (line.id !== undefined) {
      const earlier = group.ids.get(line.id);
      if (earlier !== undefined) {
        throw new CliFailure(
          `line ${lineNumber}: event id ${line.id} is already used on line ${earlier} for stream "${line.stream}"`,
        );
      }
      group.ids.set(line.id, lineNumber);
    }
    group.events.push(line.event);
    group.lines.push(lineNumber);
  }
}

function parseLine(text: string, lineNumber: number): InputLine {
  const where = `line ${lineNumber}`;
  const value = parseJsonText(text, where);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliFailure(`${where}: expected an object like {"stream":"order-1","type":"Placed","data":{}}`);
  }
  const unknown = Object.keys(value).find((key) => !FIELDS.has(key));
  if (unknown !== undefined) {
    throw new CliFailure(`${where}: unknown field "${unknown}" (the fields are ${[...FIELDS].join(', ')})`);
  }
  const stream = validateStreamId(value.stream);
  const expectedRevision =
    value.expectedRevision === undefined ? undefined : validateExpectedRevision(value.expectedRevision);
  const event: EventToAppend = {
    type: value.type as string,
    ...(value.data === undefined ? {} : { data: value.data }),
    ...(value.meta === undefined ? {} : { meta: value.meta }),
    ...(value.id === undefined ? {} : { id: value.id as string }),
  };
  const prepared = prepareEvent(event, where);
  assertEventFits(stream, prepared, where);
  return { stream, expectedRevision, event, id: prepared.idGiven ? prepared.id : undefined };
}

/**
 * A later line of a stream may repeat what the first line implies (the revision its predecessors in the
 * input will have made), but not contradict it: the group is checked once, by its first line.
 */
function checkFollows(group: StreamAppend, expected: ExpectedRevision, lineNumber: number): void {
  if (expected === 'any' || expected === 'exists') return;
  const before = group.events.length;
  const first = group.expectedRevision;
  const implied = typeof first === 'number' ? first + before : first === 'no-stream' ? before - 1 : undefined;
  if (expected !== 'no-stream' && implied === expected) return;
  const start = `line ${lineNumber}: expectedRevision ${describeRevision(expected)} for stream "${group.stream}"`;
  const firstLine = group.lines[0]!;
  if (implied === undefined) {
    throw new CliFailure(
      `${start} cannot be checked: the stream's events in this input are appended together, checked by the ` +
        `expectedRevision of its first line (line ${firstLine}: ${describeRevision(first)}); give it there`,
    );
  }
  throw new CliFailure(
    `${start} contradicts line ${firstLine} (expectedRevision ${describeRevision(first)}): after the ` +
      `${before} earlier event${before === 1 ? '' : 's'} of this stream in the input it would be ${implied}`,
  );
}

function atLine<T>(lineNumber: number, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof StoreError) {
      // The store's event checks already name the line (they are given it as `where`); stream checks do not.
      const where = `line ${lineNumber}`;
      throw new CliFailure(error.message.startsWith(where) ? error.message : `${where}: ${error.message}`);
    }
    throw error;
  }
}
