import type { PushEvents } from '../../../../shared/contract.js';
import type { JournalId } from '../../../../shared/journal/journal-values.js';
import type { ImportOutcome, ImportPreview, ImportSource } from '../../../../shared/journal/views.js';
import { errorText } from '../../../../shared/error-text.js';
import type { JournalSession } from './journal-session.svelte.js';

export type ImportStep =
  | { readonly step: 'choose' }
  | { readonly step: 'reading' }
  | { readonly step: 'preview'; readonly path: string; readonly preview: ImportPreview }
  | { readonly step: 'importing'; readonly import: JournalId; readonly progress: ImportProgress | null }
  | { readonly step: 'done'; readonly outcome: ImportOutcome }
  | { readonly step: 'failed'; readonly message: string };

export type ImportProgress = PushEvents['journal.import.progress'];

/** Where the imported entries go: a channel of the journal, or a new one made for them. */
export type ImportTarget =
  | { readonly kind: 'existing'; readonly channel: JournalId }
  | { readonly kind: 'new'; readonly name: string };

/** How the import file reaches the Node side: a path the desktop dialog picked, or a file the page sends. */
export interface ImportFilePicker {
  pick(from: ImportSource): Promise<string | null>;
}

export const SOURCE_NAMES: Readonly<Record<ImportSource, string>> = {
  telegram: 'Telegram Desktop (result.json)',
  jrnl: 'jrnl (JSON export)',
  dayone: 'Day One (JSON export)',
};

/**
 * File > Import: choose the tool, pick its export, see what importing would do (entries, what is already
 * in the journal, problems that stop it), choose the channel, import with progress, cancel. Importing twice
 * adds nothing; a malformed file appends nothing and its problems name the line or key.
 */
export class ImportFlow {
  source = $state<ImportSource>('telegram');
  state = $state.raw<ImportStep>({ step: 'choose' });

  readonly #session: JournalSession;
  readonly #picker: ImportFilePicker;

  constructor(session: JournalSession, picker: ImportFilePicker) {
    this.#session = session;
    this.#picker = picker;
  }

  /** Hears this window's import progress; returns the stop. */
  follow(): () => void {
    return this.#session.api.on('journal.import.progress', (progress) => {
      const state = this.state;
      if (state.step === 'importing' && state.import === progress.import) {
        this.state = { ...state, progress };
      }
    });
  }

  /** Picks the export file and reads what importing it would do. */
  async choose(from: ImportSource): Promise<void> {
    this.source = from;
    try {
      const path = await this.#picker.pick(from);
      if (path === null) return;
      this.state = { step: 'reading' };
      const preview = await this.#session.api.call('journal.import.preview', { path, from });
      this.state = { step: 'preview', path, preview };
    } catch (error) {
      this.state = { step: 'failed', message: errorText(error) };
    }
  }

  /** Runs the import previewed into the target channel. */
  async run(target: ImportTarget): Promise<void> {
    const state = this.state;
    if (state.step !== 'preview' || state.preview.problems.length > 0) return;
    const importId = this.#session.newId();
    this.state = { step: 'importing', import: importId, progress: null };
    try {
      const outcome = await this.#session.api.call('journal.import', {
        import: importId,
        path: state.path,
        from: state.preview.from,
        channel:
          target.kind === 'existing'
            ? { kind: 'existing', channel: target.channel }
            : { kind: 'new', channel: this.#session.newId(), name: target.name },
      });
      this.state = { step: 'done', outcome };
    } catch (error) {
      this.state = { step: 'failed', message: errorText(error) };
    }
  }

  async cancel(): Promise<void> {
    const state = this.state;
    if (state.step === 'importing') {
      await this.#session.api.call('journal.import.cancel', { import: state.import }).catch(() => undefined);
    }
  }

  reset(): void {
    this.state = { step: 'choose' };
  }
}
