import type { RecordedEvent } from '../../../shared/event.js';
import { JOURNAL_EVENT_TYPES } from '../../../shared/journal/index.js';
import type { ReadModel } from '../../read-models/index.js';
import { JournalIndex } from './journal-index.js';
import { loadJournalIndex, saveJournalIndex } from './journal-index-file.js';

/**
 * The journal's views as a read model on the runtime: the JournalIndex, checkpointed as
 * `cache/read-models/journal-views.checkpoint`. Raise `version` whenever what the index keeps of an event,
 * or how it is saved, changes: every journal then rebuilds its views once from the log.
 */
export class JournalReadModel implements ReadModel {
  readonly name = 'journal-views';
  readonly version = 2;
  readonly types = JOURNAL_EVENT_TYPES;
  private current = new JournalIndex();
  private readonly replaced = new Set<(index: JournalIndex) => void>();

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
    this.replace(new JournalIndex());
  }

  apply(event: RecordedEvent): void {
    this.current.apply(event);
  }

  save(): string {
    return saveJournalIndex(this.current);
  }

  load(text: string): void {
    this.replace(loadJournalIndex(text));
  }

  private replace(index: JournalIndex): void {
    this.current = index;
    for (const listener of this.replaced) listener(index);
  }
}
