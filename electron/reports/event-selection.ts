import type { LogFilter, LogSource } from '../../shared/contract.js';
import type { RecordedEvent } from '../../shared/event.js';
import type { EventSelection } from '../../shared/report-stamp.js';
import { recordedEventFromLine, type EventStore, type PositionQuery } from '../store/index.js';

/** Positions examined a step: enough to amortise each read, few enough that memory stays flat. */
const WINDOW = 4096;

/**
 * A log view's source and filters split by what answers them (the api's compileLogFilter): the index, or a
 * test of the parsed event. Reports sit below the api, so whoever calls them hands the compiler in.
 */
export interface CompiledSelection {
  readonly query: Omit<PositionQuery, 'from' | 'to'> | undefined;
  readonly test: ((event: RecordedEvent) => boolean) | undefined;
}
export type FilterCompiler = (source: LogSource, filter: LogFilter) => CompiledSelection;

/** One selected event: its stored bytes, and the event parsed from them when someone asks. */
export class SelectedLine {
  private parsed: RecordedEvent | undefined;

  constructor(
    readonly position: number,
    /** The stored line without its newline. */
    readonly bytes: Buffer,
  ) {}

  get event(): RecordedEvent {
    this.parsed ??= recordedEventFromLine(this.bytes.toString('utf8'));
    return this.parsed;
  }
}

/** How far a pass over a selection has gone: positions examined of the window. */
export type SelectionProgress = (done: number, total: number) => void;

/**
 * The selected events' stored lines in position order, a batch at a time. Only the window's candidates
 * from the index are read; a text or time filter parses them to test.
 */
export async function* selectedLines(
  store: EventStore,
  selection: EventSelection,
  compiled: CompiledSelection,
  onProgress?: SelectionProgress,
): AsyncGenerator<SelectedLine[]> {
  const { from } = selection;
  // A closed range may end past the log's end: what is not written yet is not read.
  const to = Math.min(selection.to, store.lastPosition);
  const total = Math.max(0, to - from + 1);
  for (let start = from; start <= to; start += WINDOW) {
    const end = Math.min(to, start + WINDOW - 1);
    const positions =
      compiled.query === undefined
        ? Array.from({ length: end - start + 1 }, (_, i) => start + i)
        : Array.from(store.positionsWhere({ ...compiled.query, from: start, to: end }));
    const stored = positions.length === 0 ? [] : await store.readStoredLines(positions);
    const lines = stored.map((line) => new SelectedLine(line.position, line.bytes));
    const { test } = compiled;
    const batch = test === undefined ? lines : lines.filter((line) => test(line.event));
    onProgress?.(end - from + 1, total);
    if (batch.length > 0) yield batch;
  }
}

/** A selection's window: from 1 (or `from`) up to `to` or the folder's last position. */
export function selectionOf(
  store: EventStore,
  source: LogSource,
  filter: LogFilter,
  window: { readonly from?: number; readonly to?: number } = {},
): EventSelection {
  const last = store.lastPosition;
  return {
    source,
    filter: normalFilter(filter),
    from: Math.max(1, window.from ?? 1),
    to: window.to ?? last,
    closed: window.to !== undefined,
  };
}

/** The filter as the stamp records it: only what narrows, keys in a fixed order, types sorted. */
export function normalFilter(filter: LogFilter): LogFilter {
  const types =
    filter.types === undefined || filter.types.length === 0 ? undefined : [...filter.types].sort();
  return {
    ...(types === undefined ? {} : { types }),
    ...(filter.stream ? { stream: filter.stream } : {}),
    ...(filter.from === undefined ? {} : { from: filter.from }),
    ...(filter.to === undefined ? {} : { to: filter.to }),
    ...(filter.text ? { text: filter.text } : {}),
  };
}
