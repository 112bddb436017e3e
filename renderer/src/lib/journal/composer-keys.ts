/** What a key press in the composer asks for; null leaves the key to the text field. */
export type ComposerAction = 'send' | 'edit-last' | 'cancel' | null;

export interface ComposerKey {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** True while an input method is composing (Japanese, Chinese …): Enter then confirms the word. */
  readonly isComposing: boolean;
}

export interface ComposerMoment {
  /** Nothing typed (only white space). */
  readonly empty: boolean;
  readonly editing: boolean;
  readonly replying: boolean;
}

/**
 * The composer's keys, as in Telegram and Slack: Enter sends, Shift+Enter is a new line, Up in an empty
 * composer edits your last message, Escape cancels an edit or a reply. Ctrl/Cmd+Enter also sends (people
 * coming from Day One and email type it).
 */
export function composerAction(key: ComposerKey, moment: ComposerMoment): ComposerAction {
  if (key.isComposing) return null;
  if (key.key === 'Enter') {
    if (key.shiftKey || key.altKey) return null;
    return 'send';
  }
  if (key.key === 'ArrowUp' && !key.shiftKey && !key.ctrlKey && !key.metaKey && !key.altKey) {
    return moment.empty && !moment.editing ? 'edit-last' : null;
  }
  if (key.key === 'Escape') return moment.editing || moment.replying ? 'cancel' : null;
  return null;
}
