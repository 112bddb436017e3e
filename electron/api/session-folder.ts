import type { FolderSummary } from '../../shared/contract.js';
import type { ScanProgress } from '../store/index.js';
import type { Push } from './api-host.js';
import type { FolderLease } from './folder-registry.js';
import { FolderSummaries } from './folder-summary.js';
import { LogViews } from './log-views.js';
import { Throttle } from './throttle.js';

const PUSH_INTERVAL_MS = 100;

/**
 * The folder a session shows, and what the page hears about it: appends as they are committed (by any
 * process), the folder's summary when it changes, indexing progress. Summary and progress pushes are
 * throttled to one every 100 ms; `log.appended` is not, so a live tail is never late.
 */
export class SessionFolder {
  readonly views: LogViews;
  private readonly summaries: FolderSummaries;
  private readonly changed: Throttle;
  private readonly progress: Throttle;
  private lastProgress: ScanProgress | undefined;
  private readonly stopListening: (() => void)[];
  private disposed = false;

  constructor(
    readonly lease: FolderLease,
    private readonly push: Push,
  ) {
    const { store } = lease;
    this.views = new LogViews(store, push);
    this.summaries = new FolderSummaries(store);
    this.changed = new Throttle(PUSH_INTERVAL_MS, () => void this.pushSummary());
    this.progress = new Throttle(PUSH_INTERVAL_MS, () => {
      if (this.lastProgress === undefined || this.disposed) return;
      const { bytesDone, bytesTotal } = this.lastProgress;
      push('folder.progress', { phase: 'indexing', done: bytesDone, total: bytesTotal });
    });
    this.stopListening = [
      store.onAppended((range) => {
        push('log.appended', range);
        this.views.appended();
        this.changed.request();
      }),
      store.onHealthChanged(() => this.changed.request()),
      lease.onProgress((progress) => {
        this.lastProgress = progress;
        this.progress.request();
        this.views.indexingProgressed();
        this.changed.request();
      }),
    ];
    if (store.indexing) {
      store.indexed.then(
        () => {
          this.progress.flush();
          this.changed.flush();
        },
        (error: unknown) => {
          if (this.disposed) return;
          push('app.error', {
            message: `Indexing ${lease.path} failed: ${error instanceof Error ? error.message : String(error)}`,
          });
          this.changed.flush();
        },
      );
    }
  }

  get store() {
    return this.lease.store;
  }

  summary(): Promise<FolderSummary> {
    return this.summaries.summary();
  }

  /** Pushes the summary now (after an open or a repair the page should not wait for the throttle). */
  announce(summary: FolderSummary): void {
    this.changed.cancel();
    this.push('folder.changed', summary);
  }

  private async pushSummary(): Promise<void> {
    if (this.disposed) return;
    try {
      const summary = await this.summary();
      if (!this.disposed) this.push('folder.changed', summary);
    } catch (error) {
      if (!this.disposed) {
        this.push('app.error', {
          message: `Could not describe ${this.lease.path}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const stop of this.stopListening) stop();
    this.changed.cancel();
    this.progress.cancel();
    this.views.closeAll();
    await this.lease.release();
  }
}
