import type { FolderSummary, ProjectionSummary, TrustStatus } from '../../shared/contract.js';
import type { JournalSearch } from '../journal/search/index.js';
import type { ProjectionHost, ProjectionStatus } from '../projections/index.js';
import type { ScanProgress } from '../store/index.js';
import type { Push } from './api-host.js';
import type { FolderLease } from './folder-registry.js';
import { FolderSummaries } from './folder-summary.js';
import { LogViews } from './log-views.js';
import { ProjectionReloads } from './projection-reloads.js';
import { isJournalFolder } from './journal-folder.js';
import { SessionJournal } from './session-journal.js';
import { Throttle } from './throttle.js';
import { errorText } from '../../shared/error-text.js';

const PUSH_INTERVAL_MS = 100;
/** `projections.changed` at most five times a second: a rebuild reports progress far more often. */
const PROJECTIONS_PUSH_INTERVAL_MS = 200;

/**
 * The folder a session shows, and what the page hears about it: appends as they are committed (by any
 * process), the folder's summary when it changes, indexing progress. Summary and progress pushes are
 * throttled to one every 100 ms; `log.appended` is not, so a live tail is never late.
 */
export class SessionFolder {
  /**
   * The folder's lease as this session's handlers use it: asking it for the folder's projections also
   * subscribes this session to their changes (pushed as `projections.changed`), so a page that shows
   * projections hears about them. Neither that nor listing them starts one: asking for a state does.
   */
  readonly lease: FolderLease;
  readonly views: LogViews;
  /** The folder's journal as this window uses it (its views start when it is first asked for). */
  readonly journal: SessionJournal;
  private readonly summaries: FolderSummaries;
  private readonly changed: Throttle;
  private readonly progress: Throttle;
  private lastProgress: ScanProgress | undefined;
  private readonly stopListening: (() => void)[];
  private followed: ProjectionHost | undefined;
  private stopFollowing: (() => void) | undefined;
  private readonly projectionsChanged: Throttle;
  private reloads: ProjectionReloads | undefined;
  private searchFollowed: Promise<JournalSearch> | undefined;
  private stopFollowingSearch: (() => void) | undefined;
  private readonly searchProgress: Throttle;
  private searchLive = false;
  private disposed = false;

  constructor(
    lease: FolderLease,
    private readonly push: Push,
  ) {
    this.lease = {
      ...lease,
      projections: async (trusted) => {
        const host = await lease.projections(trusted);
        this.follow(host);
        return host;
      },
      // Asking for the search index also tells this page how its catching up goes (journal.progress).
      search: () => (this.searchFollowed ??= this.followSearch(lease)),
    };
    this.searchProgress = new Throttle(PUSH_INTERVAL_MS, () => void this.pushSearchProgress());
    this.projectionsChanged = new Throttle(PROJECTIONS_PUSH_INTERVAL_MS, () => {
      if (this.followed !== undefined && !this.disposed) {
        push('projections.changed', this.followed.list().map(projectionSummary));
        // A reload shows up here as some change of the list: see whether a file's code changed.
        void this.reloads?.check();
      }
    });
    const { store } = lease;
    this.views = new LogViews(store, push);
    this.journal = new SessionJournal(lease, push);
    // A journal's views start catching up as soon as the folder is open: the chat view is its landing view.
    void store.indexed.then(
      () => {
        if (!this.disposed && isJournalFolder(store)) this.journal.open();
      },
      () => undefined,
    );
    this.summaries = FolderSummaries.of(store);
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
      lease.onTrustChanged((status) => {
        this.pushTrust(status);
        return Promise.resolve();
      }),
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
            message: `Indexing ${lease.path} failed: ${errorText(error)}`,
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

  /** Reports long work on the folder (the check before a repair) to the page as folder.progress. */
  progressOf(phase: 'repairing'): (progress: ScanProgress) => void {
    return ({ bytesDone, bytesTotal }) => {
      if (!this.disposed) this.push('folder.progress', { phase, done: bytesDone, total: bytesTotal });
    };
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
          message: `Could not describe ${this.lease.path}: ${errorText(error)}`,
        });
      }
    }
  }

  /**
   * Another window decided, or the folder's code changed since it was trusted: this page's trust line,
   * prompt and list change without waiting for a refresh.
   */
  private pushTrust(status: TrustStatus): void {
    if (this.disposed) return;
    this.push('trust.changed', status);
    // The host's own push is throttled; the page reads the list with the trust it now has.
    this.projectionsChanged.flush();
  }

  private follow(host: ProjectionHost): void {
    if (this.disposed || this.followed === host) return;
    this.stopFollowing?.();
    this.reloads?.close();
    this.followed = host;
    this.reloads = new ProjectionReloads(
      host,
      (name) => {
        if (!this.disposed) this.push('projection.reloaded', { name });
      },
      (name, error) => {
        if (!this.disposed) {
          this.push('app.error', {
            message: `Projection ${name} could not be reloaded: ${errorText(error)}`,
          });
        }
      },
    );
    this.stopFollowing = host.onChanged(() => this.projectionsChanged.request());
  }

  private async followSearch(lease: FolderLease): Promise<JournalSearch> {
    try {
      const search = await lease.search();
      if (!this.disposed) {
        this.stopFollowingSearch = search.onStatus(() => this.searchProgress.request());
        this.searchProgress.request();
      }
      return search;
    } catch (error) {
      this.searchFollowed = undefined;
      throw error;
    }
  }

  private async pushSearchProgress(): Promise<void> {
    const search = await this.searchFollowed?.catch(() => undefined);
    if (search === undefined || this.disposed) return;
    const { state, position, lastPosition } = search.status();
    // While it follows the log live, each append is not progress worth telling the page about.
    if (state === 'live' && this.searchLive) return;
    this.searchLive = state === 'live';
    this.push('journal.progress', { readModel: 'search', done: position, total: lastPosition });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.stopFollowingSearch?.();
    this.searchProgress.cancel();
    this.stopFollowing?.();
    this.reloads?.close();
    this.projectionsChanged.cancel();
    for (const stop of this.stopListening) stop();
    this.changed.cancel();
    this.progress.cancel();
    this.views.closeAll();
    await this.journal.dispose();
    await this.lease.release();
  }
}

/** A projection's status as the contract carries it (the runtime's file and shape stay on this side). */
export function projectionSummary(status: ProjectionStatus): ProjectionSummary {
  const { name, kind, status: state, position, fault, skipped, holes } = status;
  return { name, kind, status: state, position, fault, skipped, holes };
}
