import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { CalendarDay } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import type { JournalSession } from './journal-session.svelte.js';
import { dayOf } from './local-days.js';
import { addMonths, monthGrid, type CalendarCell } from './month-grid.js';

/**
 * The "jump to a date" calendar: a month at a time, with the days that have entries marked (and how many),
 * for one channel or the whole journal. Choosing a day is the view's business (it opens the channel at
 * that day's first message); this keeps the month and its counts.
 */
export class Calendar {
  month = $state('');
  channel = $state<JournalId | null>(null);
  /** The days of the grid that have entries, by day. */
  days = $state.raw<Readonly<Record<string, CalendarDay>>>({});
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  readonly weeks: CalendarCell[][] = $derived(monthGrid(this.month));
  readonly today: string;

  readonly #session: JournalSession;
  #ticket = 0;

  constructor(session: JournalSession, options: { month?: string; channel?: JournalId | null } = {}) {
    this.#session = session;
    this.today = dayOf(session.asOf ?? session.now().toISOString(), session.timeZone);
    this.month = options.month ?? this.today.slice(0, 7);
    this.channel = options.channel ?? null;
  }

  async load(): Promise<void> {
    const ticket = ++this.#ticket;
    const weeks = monthGrid(this.month);
    const from = weeks[0]![0]!.day;
    const to = weeks.at(-1)!.at(-1)!.day;
    this.status = 'loading';
    try {
      const days = await this.#session.api.call('journal.calendar', {
        from,
        to,
        timeZone: this.#session.timeZone,
        ...(this.channel === null ? {} : { channel: this.channel }),
        ...this.#session.asOfArg(),
      });
      if (ticket !== this.#ticket) return;
      this.days = Object.fromEntries(days.map((day) => [day.day, day]));
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }

  go(months: number): Promise<void> {
    const next = addMonths(this.month, months);
    if (months > 0 && next > this.today.slice(0, 7)) return Promise.resolve();
    this.month = next;
    return this.load();
  }

  show(month: string): Promise<void> {
    this.month = month;
    return this.load();
  }

  setChannel(channel: JournalId | null): Promise<void> {
    this.channel = channel;
    return this.load();
  }

  /** No month after the current one: the journal has no entries in the future worth browsing. */
  get canGoForward(): boolean {
    return this.month < this.today.slice(0, 7);
  }

  entriesOn(day: string): number {
    return Object.hasOwn(this.days, day) ? (this.days[day]?.messages ?? 0) : 0;
  }
}
