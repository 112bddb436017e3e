import { checkLineChecksum, decodeLine } from './event-line.js';
import { hashId } from './event-index.js';
import { scanIndexFields, type IndexFields, type InternedString } from './line-scanner.js';

/**
 * The index fields of a run of lines, as flat typed arrays: what a scan worker sends back to the
 * main thread (transferred, not copied). Line i ends at `lineEnds[i]`; `valid[i]` says whether its
 * fields are set, or `problems` holds why not.
 */
export interface ParsedLines {
  readonly segment: string;
  /** File offset of the first line. */
  readonly start: number;
  /** File offset just after the last complete line. */
  readonly end: number;
  readonly count: number;
  readonly lineEnds: Float64Array;
  readonly valid: Uint8Array;
  readonly position: Float64Array;
  readonly revision: Float64Array;
  readonly idHash: Uint32Array;
  readonly more: Uint32Array;
  /** Number of each line's stream and type in the scan's string list (see ScanStrings). */
  readonly stream: Uint32Array;
  readonly type: Uint32Array;
  /** Strings first seen in this chunk: they continue the scan's list, which the receiver keeps. */
  readonly strings: string[];
  readonly problems: { readonly index: number; readonly reason: string; readonly zeros: boolean }[];
}

/**
 * The names a whole scan has met, numbered once: every chunk sends only the names that are new, and the
 * receiver keeps the list, so a name is looked up once a scan rather than once a chunk.
 */
export class ScanStrings {
  private readonly numbers = new Map<string, number>();
  private fresh: string[] = [];

  number(text: string): number {
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(text, number);
      this.fresh.push(text);
    }
    return number;
  }

  /** The names numbered since the last call. */
  takeFresh(): string[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

/** Why a line is not an event, and whether it is crash debris (NULs, blank) rather than damage. */
export function badLine(
  bytes: Buffer,
  start: number,
  end: number,
  reason: string,
): { reason: string; zeros: boolean } {
  let zeros = true;
  for (let i = start; i < end && zeros; i++) if (bytes[i] !== 0) zeros = false;
  return { reason: start === end ? 'empty line' : zeros ? 'line of NUL bytes' : reason, zeros };
}

/**
 * Reads the index fields of one line: checksum first, then the fast byte scan, then a full parse for
 * lines in another shape. Returns a problem for a line that is not an event.
 */
export function readLineFields(
  bytes: Buffer,
  start: number,
  end: number,
  out: IndexFields,
  strict: boolean,
): { reason: string; zeros: boolean } | undefined {
  const check = checkLineChecksum(bytes, start, end);
  if (!check.ok) return badLine(bytes, start, end, check.reason);
  if (!strict && scanIndexFields(bytes, start, end, out)) return undefined;
  out.streamRef = undefined;
  out.typeRef = undefined;
  const decoded = decodeLine(bytes, start, end);
  if (!decoded.ok) return { reason: decoded.reason, zeros: false };
  const { event } = decoded;
  out.position = event.position;
  out.revision = event.revision;
  out.stream = event.stream;
  out.type = event.type;
  out.idHash = hashId(event.id);
  out.more = decoded.more;
  return undefined;
}

/** Parses every complete line of `bytes` (which starts at `fileOffset` of `segment`). */
export function parseLines(
  segment: string,
  bytes: Buffer,
  fileOffset: number,
  strict: boolean,
  names: ScanStrings,
): ParsedLines {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count++;
  const parsed = {
    segment,
    start: fileOffset,
    end: fileOffset,
    count,
    lineEnds: new Float64Array(count),
    valid: new Uint8Array(count),
    position: new Float64Array(count),
    revision: new Float64Array(count),
    idHash: new Uint32Array(count),
    more: new Uint32Array(count),
    stream: new Uint32Array(count),
    type: new Uint32Array(count),
    strings: [] as string[],
    problems: [] as { index: number; reason: string; zeros: boolean }[],
  };
  // The scan's remembered strings carry their number in this scan: no map lookup a line.
  const numberOf = (ref: InternedString | undefined, text: string): number => {
    if (ref === undefined) return names.number(text);
    if (ref.owner !== names) {
      ref.owner = names;
      ref.number = names.number(text);
    }
    return ref.number;
  };
  const fields: IndexFields = { position: 0, revision: 0, stream: '', type: '', idHash: 0, more: 0 };
  let start = 0;
  for (let i = 0; i < count; i++) {
    const newline = bytes.indexOf(0x0a, start);
    parsed.lineEnds[i] = fileOffset + newline + 1;
    const problem = readLineFields(bytes, start, newline, fields, strict);
    if (problem === undefined) {
      parsed.valid[i] = 1;
      parsed.position[i] = fields.position;
      parsed.revision[i] = fields.revision;
      parsed.idHash[i] = fields.idHash;
      parsed.more[i] = fields.more;
      parsed.stream[i] = numberOf(fields.streamRef, fields.stream);
      parsed.type[i] = numberOf(fields.typeRef, fields.type);
    } else parsed.problems.push({ index: i, ...problem });
    start = newline + 1;
  }
  parsed.end = fileOffset + start;
  parsed.strings = names.takeFresh();
  return parsed;
}

/** The typed arrays of a parse, for postMessage's transfer list. */
export function transferables(parsed: ParsedLines): ArrayBuffer[] {
  return [
    parsed.lineEnds,
    parsed.valid,
    parsed.position,
    parsed.revision,
    parsed.idHash,
    parsed.more,
    parsed.stream,
    parsed.type,
  ].map((array) => array.buffer as ArrayBuffer);
}
