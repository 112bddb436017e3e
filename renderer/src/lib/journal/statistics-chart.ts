import { addDays } from './local-days.js';

/** One bar of the entries-per-day chart, in chart units (the SVG scales them). */
export interface Bar {
  readonly day: string;
  readonly entries: number;
  readonly x: number;
  readonly height: number;
}

export interface DayChart {
  readonly bars: readonly Bar[];
  readonly width: number;
  readonly height: number;
  /** The tallest day, for the axis label. */
  readonly most: number;
  /** Month starts along the axis: where each label goes. */
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
}

/**
 * Geometry of the entries-per-day chart: one bar a day from `from` to `to`, days without entries included
 * as gaps (a streak is visible as a run of bars). Plain numbers, drawn as SVG by the component, so the
 * chart can be swapped for the reports' ECharts builder later without touching the view's state.
 */
export function dayChart(
  days: readonly { readonly day: string; readonly entries: number }[],
  from: string,
  to: string,
  height = 120,
): DayChart {
  const counts = new Map(days.map((day) => [day.day, day.entries]));
  const most = Math.max(1, ...days.map((day) => day.entries));
  const bars: Bar[] = [];
  const ticks: { x: number; label: string }[] = [];
  let x = 0;
  // A bound on the loop: a range of more than 20 years is drawn as its last 20.
  let day = from < addDays(to, -7300) ? addDays(to, -7300) : from;
  // Months label a year or less; past that, a label a month would run together: years then.
  const long = Date.parse(to) - Date.parse(day) > 400 * 86_400_000;
  while (day <= to) {
    const entries = counts.get(day) ?? 0;
    bars.push({ day, entries, x, height: entries === 0 ? 0 : Math.max(2, (entries / most) * height) });
    if (long ? day.endsWith('-01-01') : day.endsWith('-01'))
      ticks.push({ x, label: long ? day.slice(0, 4) : monthTick(day) });
    x += 1;
    day = addDays(day, 1);
  }
  return { bars, width: Math.max(1, x), height, most, ticks };
}

function monthTick(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', year: '2-digit' }).format(
    new Date(`${day}T12:00:00.000Z`),
  );
}
