import type { LogFilter, LogSource } from '../../shared/contract.js';
import type { EventSelection } from '../../shared/report-stamp.js';
import { compileLogFilter } from '../api/log-filter.js';
import { selectionOf, type CompiledSelection } from '../reports/index.js';
import type { EventStore } from '../store/index.js';
import { UsageError, type OptionSpecs, type ParsedArgs } from './args.js';

/** The options that choose events, as `read` and the log view's filters have them. */
export const SELECTION_OPTIONS: OptionSpecs = {
  stream: { type: 'string', value: 'S', description: 'Only stream S' },
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
  match: {
    type: 'string',
    value: 'PATTERN',
    description: 'Only streams whose name matches (* and ?; else a substring)',
  },
  text: {
    type: 'string',
    value: 'TEXT',
    description: 'Only events whose data or meta contains TEXT (any case)',
  },
  from: {
    type: 'string',
    value: 'POSITION|TIME',
    description: 'From this position, or from this ISO-8601 time',
  },
  to: {
    type: 'string',
    value: 'POSITION|TIME',
    description:
      'Up to this position, or this ISO-8601 time (a closed range: verify-report fails when events are appended inside it)',
  },
};

/** The selection the options describe, compiled as the log view compiles its filters. */
export function selectionFromArgs(
  args: ParsedArgs,
  store: EventStore,
): { selection: EventSelection; compiled: CompiledSelection } {
  const stream = args.string('stream');
  const category = args.string('category');
  if (stream !== undefined && category !== undefined)
    throw new UsageError('give --stream or --category, not both (a stream belongs to one category)');
  const source: LogSource =
    stream !== undefined
      ? { kind: 'stream', stream }
      : category !== undefined
        ? { kind: 'category', category }
        : { kind: 'all' };
  const from = positionOrTime(args, 'from');
  const to = positionOrTime(args, 'to');
  const types = args.strings('type');
  const match = args.string('match');
  const text = args.string('text');
  const filter: LogFilter = {
    ...(types.length === 0 ? {} : { types }),
    ...(match === undefined ? {} : { stream: match }),
    ...(from?.time === undefined ? {} : { from: from.time }),
    ...(to?.time === undefined ? {} : { to: to.time }),
    ...(text === undefined ? {} : { text }),
  };
  const selection = selectionOf(store, source, filter, {
    ...(from?.position === undefined ? {} : { from: from.position }),
    ...(to?.position === undefined ? {} : { to: to.position }),
  });
  return { selection, compiled: compileLogFilter(selection.source, selection.filter) };
}

/** A whole number is a position; anything else must be an ISO-8601 time (kept normalised, in UTC). */
export function positionOrTime(
  args: ParsedArgs,
  name: string,
): { position?: number; time?: string } | undefined {
  const text = args.string(name)?.trim();
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) {
    const position = Number(text);
    if (!Number.isSafeInteger(position) || position < 1)
      throw new UsageError(`--${name} must be a position (1 or more) or an ISO-8601 time, not "${text}"`);
    return { position };
  }
  const millis = Date.parse(text);
  if (Number.isNaN(millis))
    throw new UsageError(
      `--${name} must be a position or an ISO-8601 time such as 2026-01-31T12:00:00Z, not "${text}"`,
    );
  return { time: new Date(millis).toISOString() };
}
