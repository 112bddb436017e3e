/**
 * The one definition of Eventfold's report charts: ECharts option objects built from plain numbers, used
 * as they are by the server-side SVG renderer (HTML and PDF reports) and by the app's live chart, so the
 * three draw the same chart. Plain JSON only: shared/ imports nothing outside itself.
 */

/** Counts a bucket (a day or a month) for each series (an event type, or "other"). */
export interface EventsOverTime {
  /** Bucket labels in time order: `2026-01-31` (days) or `2026-01` (months). */
  readonly buckets: readonly string[];
  readonly series: readonly { readonly name: string; readonly counts: readonly number[] }[];
}

export interface ChartColors {
  readonly text: string;
  readonly grid: string;
}

export const LIGHT_CHART: ChartColors = { text: '#3d4350', grid: '#dfe3ea' };
export const DARK_CHART: ChartColors = { text: '#c9ced8', grid: '#394150' };

/** Series colours, in order: distinct in light and dark, and in greyscale print by lightness. */
export const SERIES_COLORS = [
  '#3b6fd8',
  '#e07b39',
  '#2f9e6e',
  '#b5479e',
  '#c9a227',
  '#5aa6c8',
  '#8a63d2',
  '#d2555a',
  '#7d8694',
];

type Option = Record<string, unknown>;

function axes(buckets: readonly string[], colors: ChartColors): Option {
  return {
    xAxis: {
      type: 'category',
      data: [...buckets],
      axisLabel: { color: colors.text, fontSize: 11 },
      axisLine: { lineStyle: { color: colors.grid } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: colors.text, fontSize: 11 },
      splitLine: { lineStyle: { color: colors.grid } },
    },
  };
}

/** Events over time by type: stacked bars. */
export function eventsOverTimeOption(data: EventsOverTime, colors: ChartColors = LIGHT_CHART): Option {
  return {
    animation: false,
    color: SERIES_COLORS,
    textStyle: { fontFamily: 'Roboto, sans-serif' },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    legend: { top: 0, textStyle: { color: colors.text, fontSize: 11 }, itemWidth: 12, itemHeight: 10 },
    ...axes(data.buckets, colors),
    series: data.series.map((series) => ({
      type: 'bar',
      name: series.name,
      stack: 'events',
      data: [...series.counts],
      barMaxWidth: 28,
    })),
  };
}

/** The folder's growth: events in the log at the end of each bucket. */
export function growthOption(data: EventsOverTime, colors: ChartColors = LIGHT_CHART): Option {
  let total = 0;
  const cumulative = data.buckets.map((_, i) => {
    for (const series of data.series) total += series.counts[i] ?? 0;
    return total;
  });
  return {
    animation: false,
    color: [SERIES_COLORS[0]],
    textStyle: { fontFamily: 'Roboto, sans-serif' },
    grid: { left: 56, right: 16, top: 16, bottom: 32 },
    ...axes(data.buckets, colors),
    series: [
      {
        type: 'line',
        name: 'Events',
        data: cumulative,
        showSymbol: data.buckets.length <= 31,
        areaStyle: { opacity: 0.15 },
      },
    ],
  };
}

/**
 * The journal digest's entries per day: bars of entries (the first series) for each local day of the
 * period. Words, when given as a second series, are not stacked on the entries but left to the tables:
 * a count of words would dwarf a count of entries on one axis.
 */
export function entriesPerDayOption(data: EventsOverTime, colors: ChartColors = LIGHT_CHART): Option {
  const entries = data.series[0];
  return {
    animation: false,
    color: [SERIES_COLORS[2]],
    textStyle: { fontFamily: 'Roboto, sans-serif' },
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    ...axes(
      data.buckets.map((day) => (day.length === 10 ? day.slice(5) : day)),
      colors,
    ),
    series: [
      {
        type: 'bar',
        name: entries?.name ?? 'Entries',
        data: [...(entries?.counts ?? [])],
        barMaxWidth: 28,
      },
    ],
  };
}

/** Which option builder draws a report chart, by its kind: one place for the app, HTML and PDF. */
export type ReportChartKind = 'events-over-time' | 'growth' | 'entries-per-day';

export function chartOption(
  kind: ReportChartKind,
  data: EventsOverTime,
  colors: ChartColors = LIGHT_CHART,
): Option {
  switch (kind) {
    case 'growth':
      return growthOption(data, colors);
    case 'entries-per-day':
      return entriesPerDayOption(data, colors);
    case 'events-over-time':
      return eventsOverTimeOption(data, colors);
  }
}
