import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { JournalStatistics } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import type { JournalSession } from './journal-session.svelte.js';
import { addDays, dayOf } from './local-days.js';

/** The ranges the statistics view offers. */
export type StatisticsRange = '30d' | '1y' | 'all';

/** The statistics view: entries and words per day, streaks, tags, weekdays and hours, over a range. */
export class JournalStatisticsView {
  statistics = $state.raw<JournalStatistics | null>(null);
  range = $state<StatisticsRange>('1y');
  channel = $state<JournalId | null>(null);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);

  readonly #session: JournalSession;
  #ticket = 0;

  constructor(session: JournalSession) {
    this.#session = session;
  }

  async load(): Promise<void> {
    const ticket = ++this.#ticket;
    const zone = this.#session.timeZone;
    const today = dayOf(this.#session.asOf ?? this.#session.now().toISOString(), zone);
    const from =
      this.range === '30d' ? addDays(today, -29) : this.range === '1y' ? addDays(today, -364) : null;
    this.status = 'loading';
    try {
      const statistics = await this.#session.api.call('journal.statistics', {
        timeZone: zone,
        ...(from === null ? {} : { from, to: today }),
        ...(this.channel === null ? {} : { channel: this.channel }),
        ...this.#session.asOfArg(),
      });
      if (ticket !== this.#ticket) return;
      this.statistics = statistics;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }

  choose(range: StatisticsRange): Promise<void> {
    this.range = range;
    return this.load();
  }
}
