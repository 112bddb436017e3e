import { categoryOf } from '../../shared/stream-name.js';
import type { EventSelection } from '../../shared/report-stamp.js';
import type { EventsOverTime } from '../../shared/reports/report-chart.js';
import { describeProblem, type EventStore } from '../store/index.js';
import { selectedLines, type CompiledSelection, type SelectionProgress } from './event-selection.js';
import { LineDigest } from './line-digest.js';
import type { ReportBlock, ReportDocument } from './report-document.js';

/** Types drawn as series of their own; the rest are "other". */
const SERIES = 8;
const TOP_STREAMS = 15;
/** Beyond this many days, the chart counts months. */
const MAX_DAYS = 92;

export interface BuiltReport {
  readonly document: ReportDocument;
  readonly digest: LineDigest;
}

/**
 * The folder report: events over time by type, growth, categories and top streams, first and last event,
 * and the folder's health; over the events a selection picks. One pass over their lines.
 */
export async function folderReport(
  store: EventStore,
  selection: EventSelection,
  compiled: CompiledSelection,
  onProgress?: SelectionProgress,
): Promise<BuiltReport> {
  const digest = new LineDigest();
  const byDay = new Map<string, Map<string, number>>();
  const types = new Map<string, number>();
  const streams = new Map<string, number>();
  const categories = new Map<string, { events: number; streams: Set<string> }>();
  let first: { time: string; position: number; stream: string; type: string } | undefined;
  let last = first;
  for await (const lines of selectedLines(store, selection, compiled, onProgress)) {
    digest.add(lines);
    for (const { event } of lines) {
      const day = event.time.slice(0, 10);
      let counts = byDay.get(day);
      if (counts === undefined) byDay.set(day, (counts = new Map<string, number>()));
      counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      types.set(event.type, (types.get(event.type) ?? 0) + 1);
      streams.set(event.stream, (streams.get(event.stream) ?? 0) + 1);
      const category = categoryOf(event.stream);
      let entry = categories.get(category);
      if (entry === undefined) categories.set(category, (entry = { events: 0, streams: new Set() }));
      entry.events++;
      // Stream names of a category: bounded by the index's own stream count.
      entry.streams.add(event.stream);
      const summary = { time: event.time, position: event.position, stream: event.stream, type: event.type };
      first ??= summary;
      last = summary;
    }
  }
  const chart = eventsOverTime(byDay, types);
  const blocks: ReportBlock[] = [];
  if (digest.count === 0) {
    blocks.push({ kind: 'paragraph', text: 'No events match this selection.' });
  } else {
    blocks.push(
      { kind: 'chart', chart: 'events-over-time', title: 'Events over time by type', data: chart },
      { kind: 'heading', text: 'First and last event' },
      {
        kind: 'facts',
        rows: [
          ['Events', digest.count.toLocaleString('en-US')],
          ['First', `#${first!.position} · ${first!.time} · ${first!.stream} · ${first!.type}`],
          ['Last', `#${last!.position} · ${last!.time} · ${last!.stream} · ${last!.type}`],
          ['Streams', streams.size.toLocaleString('en-US')],
          ['Types', types.size.toLocaleString('en-US')],
        ],
      },
      // Growth needs more than one period to be a line.
      ...(chart.buckets.length > 1
        ? [
            { kind: 'heading', text: 'Growth' } as const,
            { kind: 'chart', chart: 'growth', title: 'Events in the log', data: chart } as const,
          ]
        : []),
      { kind: 'heading', text: 'Categories' },
      {
        kind: 'table',
        columns: ['Category', 'Streams', 'Events', 'Share'],
        numeric: [1, 2, 3],
        rows: sortedByCount([...categories].map(([name, entry]) => [name, entry.events] as const)).map(
          ([name, events]) => [
            name || '(none)',
            categories.get(name)!.streams.size,
            events,
            share(events, digest.count),
          ],
        ),
      },
      { kind: 'heading', text: 'Event types' },
      {
        kind: 'table',
        columns: ['Type', 'Events', 'Share'],
        numeric: [1, 2],
        rows: sortedByCount([...types]).map(([type, events]) => [type, events, share(events, digest.count)]),
      },
      { kind: 'heading', text: `Top streams` },
      {
        kind: 'table',
        columns: ['Stream', 'Events', 'Share'],
        numeric: [1, 2],
        rows: sortedByCount([...streams])
          .slice(0, TOP_STREAMS)
          .map(([stream, events]) => [stream, events, share(events, digest.count)]),
      },
    );
  }
  blocks.push({ kind: 'heading', text: 'Health' }, { kind: 'facts', rows: healthRows(store) });
  return {
    digest,
    document: {
      title: `Folder report: ${store.manifest.id.slice(0, 8)}`,
      subtitle: describeSelection(selection, digest),
      blocks,
      date: last?.time ?? '1970-01-01T00:00:00.000Z',
    },
  };
}

function healthRows(store: EventStore): [string, string][] {
  const health = store.health();
  if (health.problems.length === 0 && health.tail === undefined && !health.missing)
    return [['Condition', 'Sound: every line read so far passed its checksum; no gaps']];
  return [
    ['Condition', health.readOnly ? 'Damaged (read-only)' : 'Needs attention'],
    ...health.problems.map(
      (problem, i) => [`Problem ${i + 1}`, describeProblem(problem)] as [string, string],
    ),
    ...(health.tail === undefined
      ? []
      : [['Tail', `${health.tail.bytes} bytes after the last complete append`] as [string, string]]),
  ];
}

function eventsOverTime(byDay: Map<string, Map<string, number>>, types: Map<string, number>): EventsOverTime {
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return { buckets: [], series: [] };
  let buckets = everyDay(days[0]!, days.at(-1)!);
  const monthly = buckets.length > MAX_DAYS;
  if (monthly) buckets = [...new Set(buckets.map((day) => day.slice(0, 7)))];
  const bucketOf = (day: string): number => buckets.indexOf(monthly ? day.slice(0, 7) : day);
  const ranked = sortedByCount([...types]).map(([type]) => type);
  const shown = ranked.length > SERIES + 1 ? ranked.slice(0, SERIES) : ranked;
  const names = ranked.length > shown.length ? [...shown, 'other'] : shown;
  const counts = names.map(() => buckets.map(() => 0));
  for (const [day, dayCounts] of byDay) {
    const bucket = bucketOf(day);
    for (const [type, count] of dayCounts) {
      const series = shown.indexOf(type);
      counts[series === -1 ? names.length - 1 : series]![bucket]! += count;
    }
  }
  return { buckets, series: names.map((name, i) => ({ name, counts: counts[i]! })) };
}

function everyDay(first: string, last: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${first}T00:00:00Z`); ; time += 86_400_000) {
    const day = new Date(time).toISOString().slice(0, 10);
    days.push(day);
    if (day >= last) return days;
  }
}

/** Most first; ties by name, so that the order is the same every time. */
export function sortedByCount<K extends string>(
  entries: readonly (readonly [K, number])[],
): (readonly [K, number])[] {
  return [...entries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function share(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)}%`;
}

export function describeSelection(selection: EventSelection, digest: LineDigest): string {
  const { source, filter } = selection;
  const parts = [
    source.kind === 'all'
      ? 'All events'
      : source.kind === 'stream'
        ? `Stream ${source.stream}`
        : `Category ${source.category}`,
  ];
  if (filter.types !== undefined) parts.push(`types ${filter.types.join(', ')}`);
  if (filter.stream !== undefined) parts.push(`streams matching ${filter.stream}`);
  if (filter.text !== undefined) parts.push(`containing "${filter.text}"`);
  if (filter.from !== undefined || filter.to !== undefined)
    parts.push(`from ${filter.from ?? 'the start'} to ${filter.to ?? 'the end'}`);
  parts.push(
    `positions ${selection.from}..${selection.to}`,
    `${digest.count.toLocaleString('en-US')} events`,
  );
  return parts.join(' · ');
}
