import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { MessageView, PageCursor } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import type { JournalSession } from './journal-session.svelte.js';

/** "Recently deleted": deleted messages, most recently deleted first, a page at a time, each restorable. */
export class DeletedMessages {
  messages = $state.raw<readonly MessageView[]>([]);
  next = $state<PageCursor | null>(null);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  /** Messages being restored now. */
  restoring = $state.raw<readonly JournalId[]>([]);

  readonly channel: JournalId | null;
  readonly #session: JournalSession;
  #ticket = 0;

  constructor(session: JournalSession, channel: JournalId | null) {
    this.#session = session;
    this.channel = channel;
  }

  follow(): () => void {
    return this.#session.onChange(() => void this.load());
  }

  async load(): Promise<void> {
    const ticket = ++this.#ticket;
    try {
      const page = await this.#session.api.call('journal.deleted', this.#argument());
      if (ticket !== this.#ticket) return;
      this.messages = page.messages;
      this.next = page.next;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }

  async more(): Promise<void> {
    const next = this.next;
    if (next === null) return;
    const ticket = this.#ticket;
    try {
      const page = await this.#session.api.call('journal.deleted', { ...this.#argument(), next });
      if (ticket !== this.#ticket) return;
      const held = this.messages.map((message) => message.message);
      this.messages = [
        ...this.messages,
        ...page.messages.filter((message) => !held.includes(message.message)),
      ];
      this.next = page.next;
    } catch (error) {
      if (ticket === this.#ticket) this.error = errorText(error);
    }
  }

  /** Restores a message: it goes back to its place in its channel, with its pins, reactions and tags. */
  async restore(message: JournalId): Promise<void> {
    this.restoring = [...this.restoring, message];
    try {
      await this.#session.run({ type: 'RestoreMessage', message });
      this.messages = this.messages.filter((known) => known.message !== message);
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.restoring = this.restoring.filter((known) => known !== message);
    }
  }

  #argument(): { channel?: JournalId; limit: number } {
    return { limit: 50, ...(this.channel === null ? {} : { channel: this.channel }) };
  }
}
