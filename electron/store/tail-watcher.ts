import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { JOURNAL_FILE } from './folder-layout.js';

/** Longer than chokidar's 50 ms throttle of 'change' events for one file. */
const TRAILING_LOOK_MS = 75;

/**
 * Tells the store when another process may have appended: a change to any file in log/ (a segment grew,
 * a seal or a new segment appeared). Runs are coalesced: while one catch-up is in flight, further events
 * only ask for one more. Falls back to polling when the OS runs out of watch handles, as editors do.
 */
export class TailWatcher {
  private watcher: FSWatcher | undefined;
  private running = false;
  private pending = false;
  private closed = false;
  private trailingLook: NodeJS.Timeout | undefined;
  /** Ends a start() still waiting for chokidar's 'ready', which never comes once the watcher is closed. */
  private stopWaiting: (() => void) | undefined;

  constructor(
    private readonly logDir: string,
    private readonly onChange: () => Promise<void>,
    private readonly onGone: () => void,
  ) {}

  /** Resolves once the watcher is ready (or closed): appends from then on are seen. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.stopWaiting = resolve;
      this.watch(false, resolve);
    });
  }

  private watch(usePolling: boolean, ready: () => void): void {
    const watcher = watch(this.logDir, {
      ignoreInitial: true,
      depth: 0,
      usePolling,
      interval: 50,
      // awaitWriteFinish would hold events back for seconds; a partial line is handled by the reader instead.
      awaitWriteFinish: false,
    });
    this.watcher = watcher;
    // chokidar passes on at most one 'change' a file every 50 ms; the raw events come as the OS sends
    // them, which is what keeps another process's append within a few milliseconds of the screen.
    // The append journal changes with every durable append, right after the segment did: nothing to read.
    watcher.on('raw', (_event, file) => {
      if (!isJournal(file)) this.trigger();
    });
    watcher.on('add', (file) => {
      if (!isJournal(file)) this.trigger();
    });
    watcher.on('change', (file) => {
      if (!isJournal(file)) this.trigger();
    });
    watcher.on('unlinkDir', (path) => {
      if (path === this.logDir) this.onGone();
    });
    watcher.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (!usePolling && (code === 'ENOSPC' || code === 'EMFILE')) {
        // The polling watcher's 'ready' is what the caller of start() is still waiting for.
        void watcher.close().then(() => (this.closed ? ready() : this.watch(true, ready)));
      }
    });
    watcher.once('ready', () => ready());
  }

  trigger(): void {
    if (this.closed) return;
    // chokidar passes on at most one 'change' a file every 50 ms and drops the others, so the last
    // appends of a burst would wait for the next append to be seen: one more look after that window.
    clearTimeout(this.trailingLook);
    this.trailingLook = setTimeout(() => this.look(), TRAILING_LOOK_MS);
    this.trailingLook.unref();
    this.look();
  }

  private look(): void {
    if (this.closed) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = true;
    void this.onChange()
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        if (this.pending) {
          this.pending = false;
          this.look();
        }
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    // A store closed during a progressive open closes the watcher while its start is awaited.
    this.stopWaiting?.();
    clearTimeout(this.trailingLook);
    await this.watcher?.close();
  }
}

/** log/journal.bin, or the temporary file it is built in. */
function isJournal(file: unknown): boolean {
  if (typeof file !== 'string') return false;
  const name = path.basename(file);
  return name === JOURNAL_FILE || name.startsWith(`.${JOURNAL_FILE}.`);
}
