import type { RecordedEvent } from '../../../shared/event.js';
import { JOURNAL_EVENT_TYPES } from '../../../shared/journal/index.js';
import type { ReadModel } from '../../read-models/index.js';
import { JournalIndex } from './journal-index.js';
import { loadJournalIndexInSlices, loadJournalPreview, saveJournalIndex } from './journal-index-file.js';
import { PreviewGate } from './preview-gate.js';

/**
 * The journal's views as a read model on the runtime: the JournalIndex, checkpointed as
 * `cache/read-models/journal-views.checkpoint`. Raise `version` whenever what the index keeps of an event,
 * or how it is saved, changes: every journal then rebuilds its views once from the log.
 *
 * While a checkpoint that covers the whole log loads, its preview (the newest messages of each channel)
 * answers first (see `withPreview`): a window's first page does not wait for every message of the journal.
 */
export class JournalReadModel implements ReadModel {
  readonly name = 'journal-views';
  readonly version = 2;
  readonly types = JOURNAL_EVENT_TYPES;
  private current = new JournalIndex();
  private readonly replaced = new Set<(index: JournalIndex) => void>();
  private readonly preview = new PreviewGate<JournalIndex>();

  /** The index as it stands (a new one after a reset or a load). */
  get index(): JournalIndex {
    return this.current;
  }

  /** Called when the index object is replaced (loading a checkpoint, a rebuild). */
  onReplaced(listener: (index: JournalIndex) => void): () => void {
    this.replaced.add(listener);
    return () => this.replaced.delete(listener);
  }

  reset(): void {
    this.preview.none();
    this.replace(new JournalIndex());
  }

  apply(event: RecordedEvent): void {
    this.current.apply(event);
  }

  save(): string {
    return saveJournalIndex(this.current);
  }

  async loadPreview(text: string): Promise<void> {
    let preview: JournalIndex;
    try {
      preview = loadJournalPreview(text);
    } catch {
      // The whole index is loaded next (or the views rebuilt): the preview only answered sooner.
      this.preview.none();
      return;
    }
    await this.preview.offer(preview);
  }

  /** Loads the whole index in slices: while it loads, the preview (if any) goes on answering. */
  async load(text: string): Promise<void> {
    try {
      const index = await loadJournalIndexInSlices(
        text,
        () => new Promise<void>((resolve) => setImmediate(resolve)),
      );
      this.replace(index);
    } finally {
      this.preview.none();
    }
  }

  /**
   * Runs `read` on the preview if the views are still loading a checkpoint that covers the log (up to
   * `lastPosition()` when the preview is there) (waiting until the runtime knows whether it is); answers undefined
   * otherwise, and the caller reads the views once they are caught up.
   */
  withPreview<T>(
    lastPosition: () => number,
    read: (preview: JournalIndex) => Promise<T>,
  ): Promise<{ value: T } | undefined> {
    return this.preview.use((preview) => preview.position === lastPosition(), read);
  }

  /** No preview will come (the views are closed). */
  close(): void {
    this.preview.none();
  }

  private replace(index: JournalIndex): void {
    this.current = index;
    for (const listener of this.replaced) listener(index);
  }
}
