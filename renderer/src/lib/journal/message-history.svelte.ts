import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { MessageHistory } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import { historySteps, type HistoryStep } from './edit-history.js';
import type { JournalSession } from './journal-session.svelte.js';

/** The edit history panel of one message: its versions as word diffs, its conflicts, every event. */
export class MessageHistoryPanel {
  history = $state.raw<MessageHistory | null>(null);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  readonly steps: HistoryStep[] = $derived(this.history === null ? [] : historySteps(this.history));

  readonly message: JournalId;
  readonly #session: JournalSession;
  #ticket = 0;

  constructor(session: JournalSession, message: JournalId) {
    this.#session = session;
    this.message = message;
  }

  follow(): () => void {
    return this.#session.onChange((change) => {
      if (change.more || change.messages.includes(this.message)) void this.load();
    });
  }

  async load(): Promise<void> {
    const ticket = ++this.#ticket;
    try {
      const history = await this.#session.api.call('journal.history', { message: this.message });
      if (ticket !== this.#ticket) return;
      this.history = history;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.status = 'error';
      this.error = errorText(error);
    }
  }
}
