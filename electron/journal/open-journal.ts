import {
  JournalError,
  type JournalCommand,
  type JournalId,
  type JournalTime,
} from '../../shared/journal/index.js';
import type { CommandOutcome } from '../../shared/journal/command-outcome.js';
import { ReadModelRunner, type ReadModelStatus } from '../read-models/index.js';
import type { EventStore } from '../store/index.js';
import { AsOfFolds } from './as-of-folds.js';
import { AttachmentFiles } from './attachments/index.js';
import { JournalCommandHandler } from './command-handler.js';
import type { JournalIndex } from './read-model/journal-index.js';
import { JournalReadModel } from './read-model/journal-read-model.js';

/** Journal events were applied to the views: what the contract pushes as `journal.changed`. */
export interface JournalChange {
  readonly firstPosition: number;
  readonly lastPosition: number;
  readonly channels: readonly JournalId[];
  readonly messages: readonly JournalId[];
  /** More channels or messages changed than listed: refresh everything shown. */
  readonly more: boolean;
}

/** At most this many channels and messages are named in one change. */
const MAX_NAMED = 500;

export type JournalStore = Pick<
  EventStore,
  | 'folder'
  | 'lastPosition'
  | 'indexed'
  | 'readAll'
  | 'readStream'
  | 'readPositions'
  | 'appendToStream'
  | 'subscribe'
  | 'onAppended'
>;

/**
 * A journal folder's Node side, shared by every window on the folder: its views (the JournalIndex read
 * model on the read-model runtime, checkpointed in cache/), the journal as of past moments, its
 * attachments, and its commands. A command answers once the views include its events, so whatever the
 * window asks next sees them; every window hears of the change (`onChanged`), whichever process made it.
 */
export class OpenJournal {
  readonly model = new JournalReadModel();
  readonly runner: ReadModelRunner;
  readonly attachments: AttachmentFiles;
  private readonly commands: JournalCommandHandler;
  private readonly asOfFolds: AsOfFolds;
  private readonly changeListeners = new Set<(change: JournalChange) => void>();

  constructor(readonly store: JournalStore) {
    this.runner = new ReadModelRunner(store, this.model);
    this.commands = new JournalCommandHandler(store);
    this.asOfFolds = new AsOfFolds(store);
    this.attachments = new AttachmentFiles(store.folder);
    this.runner.onApplied((range) => {
      const changes = this.model.index.takeChanges();
      // While catching up nothing is shown yet: the views answer once it is done.
      if (this.runner.status.state !== 'live') return;
      if (changes.channels.length === 0 && changes.messages.length === 0) return;
      const change: JournalChange = {
        firstPosition: range.first,
        lastPosition: range.last,
        channels: changes.channels.slice(0, MAX_NAMED),
        messages: changes.messages.slice(0, MAX_NAMED),
        more: changes.channels.length > MAX_NAMED || changes.messages.length > MAX_NAMED,
      };
      for (const listener of this.changeListeners) listener(change);
    });
  }

  /** Starts the views (once): resolves when they have caught up with the log. */
  start(): Promise<void> {
    return this.runner.start();
  }

  get status(): ReadModelStatus {
    return this.runner.status;
  }

  onChanged(listener: (change: JournalChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onStatus(listener: (status: ReadModelStatus) => void): () => void {
    return this.runner.onStatus(listener);
  }

  /**
   * The journal's views now (caught up with the log as it was when asked), or as of a moment: the
   * events whose `at` is at or before it (a temporary fold, kept while it is used).
   */
  async index(asOf?: JournalTime): Promise<JournalIndex> {
    if (asOf !== undefined) return this.asOfFolds.at(asOf);
    const target = this.store.lastPosition;
    await this.start();
    await this.runner.whenApplied(target);
    return this.model.index;
  }

  /**
   * Reads the views now (like `index`), or their preview while a checkpoint is still loading: what a
   * window asks first on open (the channel list, the newest page of a channel) is answered without
   * waiting for every message of a big journal. `read` must give the same answer from the preview as from
   * the views (see JournalReadModel.withPreview for what the preview holds).
   */
  async early<T>(read: (index: JournalIndex) => Promise<T>): Promise<T> {
    if (this.runner.status.state !== 'live') {
      const views = this.index();
      const early = await Promise.race([
        this.model.withPreview(() => this.store.lastPosition, read),
        views.then(() => undefined),
      ]);
      if (early !== undefined) return early.value;
    }
    return read(await this.index());
  }

  /**
   * Runs a command (deciding it again when it lost a race) and answers once the views include its
   * events. The attachments it names must already be in the folder ('AttachmentMissing' otherwise).
   */
  async run(command: JournalCommand): Promise<CommandOutcome> {
    if (command.type === 'PostMessage' || command.type === 'EditMessage') {
      const missing = await this.attachments.missing(command.attachments ?? []);
      const first = missing[0];
      if (first !== undefined) {
        throw new JournalError(
          'AttachmentMissing',
          `"${first.name}" is not stored in this journal's folder yet: upload it before sending the message`,
          { sha256: first.sha256, name: first.name, missing: missing.length },
        );
      }
    }
    await this.start();
    const outcome = await this.commands.handle(command);
    if (outcome.positions !== null) await this.runner.whenApplied(outcome.positions.last);
    return outcome;
  }

  /** Folds the whole log again (after a fault the user wants to retry, or to check the cache). */
  rebuild(): Promise<void> {
    return this.runner.rebuild();
  }

  async close(): Promise<void> {
    this.asOfFolds.close();
    this.model.close();
    this.changeListeners.clear();
    await this.runner.close();
  }
}
