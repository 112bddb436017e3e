import type { EventSelection, ReportStamp } from '../../shared/report-stamp.js';
import { ReportError } from './report-error.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The stamp as one line of JSON, keys in a fixed order and only ASCII (other characters as \u escapes), so
 * that it reads the same in every format, PDF metadata included, and two runs give the same bytes.
 */
export function stampJson(stamp: ReportStamp): string {
  const ordered = {
    eventfold: stamp.eventfold,
    version: stamp.version,
    kind: stamp.kind,
    format: stamp.format,
    folder: stamp.folder,
    selection: orderedSelection(stamp.selection),
    count: stamp.count,
    first: stamp.first,
    last: stamp.last,
    eventsSha256: stamp.eventsSha256,
    contentSha256: stamp.contentSha256,
    ...(stamp.projection === undefined
      ? {}
      : { projection: { name: stamp.projection.name, position: stamp.projection.position } }),
    ...(stamp.journal === undefined
      ? {}
      : {
          journal: {
            from: stamp.journal.from,
            to: stamp.journal.to,
            timeZone: stamp.journal.timeZone,
            ...(stamp.journal.channel === undefined ? {} : { channel: stamp.journal.channel }),
          },
        }),
    ...(stamp.columns === undefined ? {} : { columns: stamp.columns }),
  };
  // <, >, & and ' too: the same text then sits as it is in an HTML attribute and a Markdown comment.
  return JSON.stringify(ordered).replace(
    /[\u007f-\uffff<>&']/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function orderedSelection(selection: EventSelection): EventSelection {
  const { source, filter } = selection;
  return {
    source:
      source.kind === 'all'
        ? { kind: 'all' }
        : source.kind === 'stream'
          ? { kind: 'stream', stream: source.stream }
          : { kind: 'category', category: source.category },
    filter: {
      ...(filter.types === undefined ? {} : { types: filter.types }),
      ...(filter.stream === undefined ? {} : { stream: filter.stream }),
      ...(filter.from === undefined ? {} : { from: filter.from }),
      ...(filter.to === undefined ? {} : { to: filter.to }),
      ...(filter.text === undefined ? {} : { text: filter.text }),
    },
    from: selection.from,
    to: selection.to,
    closed: selection.closed,
  };
}

/** Reads a stamp back, checking every field, or says in `where` what is wrong with it. */
export function parseStamp(text: string, where: string): ReportStamp {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ReportError('NotStamped', `${where}: the Eventfold stamp is not valid JSON`);
  }
  const fail = (field: string): never => {
    throw new ReportError('NotStamped', `${where}: the Eventfold stamp's ${field} is missing or wrong`);
  };
  if (typeof value !== 'object' || value === null) return fail('object');
  const stamp = value as Record<string, unknown>;
  if (stamp.eventfold !== 'eventfold-stamp') fail('"eventfold" marker');
  if (typeof stamp.version !== 'number') fail('version');
  if (stamp.version !== 1) {
    throw new ReportError(
      'NotStamped',
      `${where}: stamp version ${String(stamp.version)} is newer than this Eventfold reads (1); update Eventfold`,
    );
  }
  for (const field of ['kind', 'format', 'folder']) if (typeof stamp[field] !== 'string') fail(field);
  for (const field of ['eventsSha256', 'contentSha256'])
    if (typeof stamp[field] !== 'string' || !SHA256.test(stamp[field])) fail(field);
  if (!Number.isSafeInteger(stamp.count)) fail('count');
  for (const field of ['first', 'last'])
    if (stamp[field] !== null && !Number.isSafeInteger(stamp[field])) fail(field);
  const selection = stamp.selection as Record<string, unknown> | undefined;
  if (typeof selection !== 'object' || selection === null) return fail('selection');
  if (!Number.isSafeInteger(selection.from) || !Number.isSafeInteger(selection.to)) fail('selection range');
  if (typeof selection.closed !== 'boolean') fail('selection.closed');
  if (typeof selection.source !== 'object' || selection.source === null) fail('selection.source');
  if (typeof selection.filter !== 'object' || selection.filter === null) fail('selection.filter');
  const projection = stamp.projection as Record<string, unknown> | undefined;
  if (
    projection !== undefined &&
    (typeof projection.name !== 'string' || !Number.isSafeInteger(projection.position))
  )
    fail('projection');
  const journal = stamp.journal as Record<string, unknown> | undefined;
  if (
    journal !== undefined &&
    (typeof journal.from !== 'string' ||
      typeof journal.to !== 'string' ||
      typeof journal.timeZone !== 'string' ||
      (journal.channel !== undefined && typeof journal.channel !== 'string'))
  )
    fail('journal');
  return value as ReportStamp;
}
