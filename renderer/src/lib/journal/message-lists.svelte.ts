import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { MessageView, OnThisDay } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import type { JournalSession } from './journal-session.svelte.js';
import { dayOf } from './local-days.js';

/** A list read from the journal that is read again when the journal changes (pins, "on this day"). */
abstract class FollowedRead<T> {
  value = $state.raw<T | null>(null);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  protected readonly session: JournalSession;
  #ticket = 0;

  constructor(session: JournalSession) {
    this.session = session;
  }

  follow(): () => void {
    return this.session.onChange(() => void this.load());
  }

  async load(): Promise<void> {
    const ticket = ++this.#ticket;
    try {
      const value = await this.read();
      if (ticket !== this.#ticket) return;
      this.value = value;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }

  protected abstract read(): Promise<T>;
}

/** A channel's pinned messages, in the order they were posted. */
export class PinnedMessages extends FollowedRead<readonly MessageView[]> {
  readonly channel: JournalId;

  constructor(session: JournalSession, channel: JournalId) {
    super(session);
    this.channel = channel;
  }

  protected read(): Promise<readonly MessageView[]> {
    return this.session.api.call('journal.pins', { channel: this.channel, ...this.session.asOfArg() });
  }
}

/** "On this day": what was written on today's date in earlier years, newest year first. */
export class OnThisDayList extends FollowedRead<OnThisDay> {
  readonly day: string;

  constructor(session: JournalSession) {
    super(session);
    this.day = dayOf(session.asOf ?? session.now().toISOString(), session.timeZone);
  }

  protected read(): Promise<OnThisDay> {
    return this.session.api.call('journal.onThisDay', {
      day: this.day,
      timeZone: this.session.timeZone,
      limit: 20,
    });
  }
}
