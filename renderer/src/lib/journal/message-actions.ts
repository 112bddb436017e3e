import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { EditConflict } from '../../../../shared/journal/state.js';
import type { MessageView } from '../../../../shared/journal/views.js';
import type { JournalCommandInput, JournalSession } from './journal-session.svelte.js';

/**
 * What a message's menu and buttons do, as journal commands. Each answers the message as it is after the
 * command, so the list shows the change at once; the push that every other window hears follows.
 */
export class MessageActions {
  readonly #session: JournalSession;

  constructor(session: JournalSession) {
    this.#session = session;
  }

  delete(message: JournalId): Promise<MessageView> {
    return this.#runThenRead({ type: 'DeleteMessage', message }, message);
  }

  restore(message: JournalId): Promise<MessageView> {
    return this.#runThenRead({ type: 'RestoreMessage', message }, message);
  }

  togglePin(view: MessageView): Promise<MessageView> {
    const type = view.pinned ? 'UnpinMessage' : 'PinMessage';
    return this.#runThenRead({ type, message: view.message }, view.message);
  }

  /** Adds a reaction, or takes it away when the message has it already (a click on it in the bar). */
  toggleReaction(view: MessageView, emoji: string): Promise<MessageView> {
    const type = view.reactions.includes(emoji) ? 'RemoveReaction' : 'AddReaction';
    return this.#runThenRead({ type, message: view.message, emoji }, view.message);
  }

  /** Keeps the message as it is and sets a conflicting edit aside. */
  dismissConflict(view: MessageView, conflict: EditConflict): Promise<MessageView> {
    return this.#runThenRead(
      { type: 'DismissEditConflict', message: view.message, edit: conflict.edit },
      view.message,
    );
  }

  /** Takes the conflicting edit's text (and files) as the message's, settling that conflict. */
  takeConflict(view: MessageView, conflict: EditConflict): Promise<MessageView> {
    return this.#runThenRead(
      {
        type: 'EditMessage',
        message: view.message,
        edit: this.#session.newId(),
        baseVersion: view.version,
        text: conflict.text,
        attachments: conflict.attachments,
        resolves: [conflict.edit],
      },
      view.message,
    );
  }

  addTag(view: MessageView, tag: string): Promise<MessageView> {
    return this.#runThenRead({ type: 'AddTag', message: view.message, tag }, view.message);
  }

  removeTag(view: MessageView, tag: string): Promise<MessageView> {
    return this.#runThenRead({ type: 'RemoveTag', message: view.message, tag }, view.message);
  }

  async #runThenRead(command: JournalCommandInput, message: JournalId): Promise<MessageView> {
    await this.#session.run(command);
    return this.#session.api.call('journal.message', { message });
  }
}

/** The reactions offered in one click; any other emoji can be typed in the picker. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '🔥'] as const;
