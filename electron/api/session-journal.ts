import type { ReadModelStatus as JournalReadModelStatus } from '../../shared/journal/index.js';
import { AttachmentUploads, type OpenJournal } from '../journal/index.js';
import type { ReadModelStatus } from '../read-models/index.js';
import type { Push } from './api-host.js';
import type { FolderLease } from './folder-registry.js';
import { Throttle } from './throttle.js';

const PROGRESS_INTERVAL_MS = 100;

/**
 * One window's side of its folder's journal: the shared OpenJournal, whose changes (by this window,
 * another one, another process or the CLI) this window hears as `journal.changed` once the views include
 * them, and its catch-up as `journal.progress`; and this window's attachment uploads, dropped with it.
 */
export class SessionJournal {
  private journal: OpenJournal | undefined;
  private readonly stops: (() => void)[] = [];
  private readonly progress: Throttle;
  private lastStatus: ReadModelStatus | undefined;
  private uploadsOf: AttachmentUploads | undefined;
  private disposed = false;

  constructor(
    private readonly lease: FolderLease,
    private readonly push: Push,
  ) {
    this.progress = new Throttle(PROGRESS_INTERVAL_MS, () => {
      const progress = this.lastStatus?.progress;
      if (progress === null || progress === undefined || this.disposed) return;
      push('journal.progress', { readModel: 'journal', done: progress.done, total: progress.total });
    });
  }

  /** The folder's journal, its views started; this window follows it from now on. */
  open(): OpenJournal {
    if (this.journal !== undefined) return this.journal;
    const journal = this.lease.journal();
    this.journal = journal;
    this.stops.push(
      journal.onChanged((change) => {
        if (!this.disposed) this.push('journal.changed', change);
      }),
      journal.onStatus((status) => {
        this.lastStatus = status;
        if (status.state === 'catching-up') this.progress.request();
        else if (this.lastStatus.progress === null) this.progress.cancel();
      }),
    );
    void journal.start().catch(() => undefined);
    return journal;
  }

  /** This window's attachment uploads. */
  get uploads(): AttachmentUploads {
    this.uploadsOf ??= new AttachmentUploads(this.open().attachments);
    return this.uploadsOf;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.progress.cancel();
    for (const stop of this.stops.splice(0)) stop();
    await this.uploadsOf?.closeAll();
  }
}

/** The runtime's status as the contract's ReadModelStatus. */
export function readModelStatus(name: 'journal' | 'search', status: ReadModelStatus): JournalReadModelStatus {
  return {
    name,
    state: status.state === 'closed' ? 'idle' : status.state,
    position: status.position,
    lastPosition: status.lastPosition,
    error:
      status.fault === null
        ? null
        : `Stopped at the event at position ${status.fault.position}: ${status.fault.error}`,
  };
}
