import { addDays } from './local-days.js';

/** One cell of a month's calendar. */
export interface CalendarCell {
  readonly day: string;
  /** False for the days of the previous and next month that fill the first and last week. */
  readonly inMonth: boolean;
}

/** A month's weeks, Monday first (ISO 8601, as most of the world's diaries print them). */
export function monthGrid(month: string): CalendarCell[][] {
  const first = `${month}-01`;
  const weekday = (new Date(`${first}T12:00:00.000Z`).getUTCDay() + 6) % 7;
  let day = addDays(first, -weekday);
  const weeks: CalendarCell[][] = [];
  do {
    const week: CalendarCell[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ day, inMonth: day.startsWith(month) });
      day = addDays(day, 1);
    }
    weeks.push(week);
  } while (day.startsWith(month));
  return weeks;
}

/** The month before or after (`YYYY-MM`). */
export function addMonths(month: string, months: number): string {
  const [year = 1970, index = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, index - 1 + months, 1));
  return date.toISOString().slice(0, 7);
}

export function monthLabel(month: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(`${month}-15T12:00:00.000Z`),
  );
}
