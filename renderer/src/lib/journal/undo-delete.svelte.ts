import type { MessageView } from '../../../../shared/journal/views.js';

const UNDO_FOR_MS = 8000;

/**
 * The "Message deleted · Undo" notice: the last deleted message, offered back for a few seconds. A delete
 * loses nothing either way (Recently deleted restores it later); this is the quick way back from a slip.
 */
export class UndoDelete {
  deleted = $state.raw<MessageView | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  offer(message: MessageView): void {
    clearTimeout(this.#timer);
    this.deleted = message;
    this.#timer = setTimeout(() => this.dismiss(), UNDO_FOR_MS);
  }

  /** Hands back the message to restore, once; the notice goes away. */
  take(): MessageView | null {
    const message = this.deleted;
    this.dismiss();
    return message;
  }

  dismiss(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.deleted = null;
  }
}
